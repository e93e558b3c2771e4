import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_RATE_LIMITS, freePort, repoRoot } from '@strata/testkit';
import { inTempDir } from './measure.ts';
import { ratio } from './support/load-generator.ts';
import type { Benchmark } from './suites.ts';

/** Spawns a command in its own process group and times it to its first answered request at `path`. */
async function timeToFirstAnswer(command: string, args: string[], env: Record<string, string>, url: (port: number) => string): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
      if (await fetch(url(port)).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    return Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/**
 * `bash infra/strata start` on an empty data folder, to its first answered API request,
 * against a Node process with an Express hello-world started the same way.
 */
export const coldStartBenchmark: Benchmark = {
  name: 'cold-start',
  run: (_scale, progress) =>
    inTempDir(async (dir) => {
      progress('bash infra/strata start');
      const strataMs = await timeToFirstAnswer('bash', ['infra/strata', 'start'], { STRATA_DATA: dir, STRATA_HOST: '127.0.0.1', STRATA_LOG_LEVEL: 'warn', ...TEST_RATE_LIMITS }, (port) => `http://127.0.0.1:${port}/api/v1/instance`);
      progress('node with an express hello-world');
      const hello = fileURLToPath(new URL('./reference/express-hello-on-port.ts', import.meta.url));
      const expressMs = await timeToFirstAnswer(process.execPath, [hello], {}, (port) => `http://127.0.0.1:${port}/`);
      return { strataMs, limit: { name: 'node process with an Express hello-world, to its first answer', ms: expressMs }, slowerThanLimitBy: ratio(strataMs, expressMs), goal: '< 3,000 ms' };
    }),
};
