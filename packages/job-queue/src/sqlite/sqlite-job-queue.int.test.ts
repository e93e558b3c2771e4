import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '@strata/testkit';
import { jobQueueContract } from '../contract.ts';
import { openSqliteJobQueue } from './sqlite-job-queue.ts';

describe('SQLite job queue', () => {
  jobQueueContract(async () => {
    const temp = makeTempDir('strata-jobs-');
    const queue = openSqliteJobQueue({ path: join(temp.path, 'jobs.db'), pollIntervalMs: 20 });
    return { queue, cleanup: async () => (await queue.close(), temp.remove()) };
  });

  it('runs again a job whose worker process was killed, once its lease runs out', async () => {
    const temp = makeTempDir('strata-jobs-crash-');
    const path = join(temp.path, 'jobs.db');
    const fixture = fileURLToPath(new URL('./fixtures/hanging-worker.ts', import.meta.url));
    const queue = openSqliteJobQueue({ path, pollIntervalMs: 20, leaseMs: 300 });
    try {
      await queue.enqueue('deliveries', { to: 'inbox' });
      const child = spawn(process.execPath, [fixture, path], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.kill('SIGKILL');
      const attempts: number[] = [];
      await queue.work('deliveries', async (job) => void attempts.push(job.attempt));
      await eventually(() => attempts.length === 1, 5000);
      expect(attempts).toEqual([2]);
    } finally {
      await queue.close();
      temp.remove();
    }
  });
});
