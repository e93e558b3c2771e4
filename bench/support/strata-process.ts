import { type ChildProcess, spawn } from 'node:child_process';
import { TEST_RATE_LIMITS, freePort, repoRoot } from '@strata/testkit';
import { processRss } from './reference-servers.ts';

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** From spawning the process to its first answered request. */
  startMs: number;
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * `pnpm start`'s entry point as a process of its own, logging warnings only (request
 * logs would measure the pipe), ready when it first answers a request.
 */
export async function startStrataServer(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchServer> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, 'services/gateway/src/start-embedded.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), STRATA_HOST: '127.0.0.1', STRATA_DATA: dataDir, STRATA_LOG_LEVEL: 'warn', ...TEST_RATE_LIMITS, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strata exited with ${child.exitCode} before serving`);
    const answered = await fetch(`${url}/api/v1/instance`).then((r) => r.ok, () => false);
    if (answered) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    url,
    child,
    startMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    rssBytes: () => processRss(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
