import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface StrataProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Suites drive a server with one token and one address far harder than a person would:
 * test servers get generous limits unless a test sets its own to prove them (sign-ups
 * keep Mastodon's limit, which the account suites prove).
 */
export const TEST_RATE_LIMITS: Record<string, string> = {
  STRATA_RATE_LIMIT_PER_ACCOUNT: '1000000',
  STRATA_RATE_LIMIT_PER_ADDRESS: '1000000',
  STRATA_SIGN_IN_LIMIT_PER_ADDRESS: '1000000',
  STRATA_SIGN_IN_LIMIT_PER_ACCOUNT: '1000000',
};

/**
 * Runs `pnpm start`'s entry point as a real child process on a free port and waits
 * until it serves. Tests that need a crash kill it for real.
 */
export async function startStrataProcess(options: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /** Another entry point (a distributed service's main.ts) and the log line that says it serves. */
  entry?: string;
  readyText?: string;
  /** The loopback address to bind (127.0.0.1 unless given: instances on port 80 each take their own 127.x). */
  host?: string;
}): Promise<StrataProcess> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const child = spawn(process.execPath, [options.entry ?? 'services/gateway/src/start-embedded.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), STRATA_HOST: host, STRATA_DATA: options.dataDir, STRATA_LOG_LEVEL: 'info', ...TEST_RATE_LIMITS, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  await Promise.race([
    waitForOutput(() => output, options.readyText ?? 'strata is serving', 30_000),
    exited.then(([code]) => {
      throw new Error(`strata exited with ${code} before serving:\n${output}`);
    }),
  ]);
  return {
    url: `http://${host}${port === 80 ? '' : `:${port}`}`,
    port,
    child,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

async function waitForOutput(read: () => string, text: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${read()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs a node entry point of the repository to completion, like an operator would. */
export async function runNode(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}
