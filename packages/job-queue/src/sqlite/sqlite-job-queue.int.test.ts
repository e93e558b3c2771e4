import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '@strata/testkit';
import { jobQueueContract } from '../contract.ts';
import { type SqliteJobQueueOptions, openSqliteJobQueue } from './sqlite-job-queue.ts';

describe('SQLite job queue', () => {
  jobQueueContract(async () => {
    const temp = makeTempDir('strata-jobs-');
    const path = join(temp.path, 'jobs.db');
    const queue = openSqliteJobQueue({ path, pollIntervalMs: 20 });
    return {
      queue,
      // the same file opened again, as after a restart
      reopen: async () => openSqliteJobQueue({ path, pollIntervalMs: 20 }),
      cleanup: async () => (await queue.close(), temp.remove()),
    };
  });

  describe('shared by several processes', () => {
    let temp: ReturnType<typeof makeTempDir>;
    const opened: ReturnType<typeof openSqliteJobQueue>[] = [];
    const open = (options: Omit<SqliteJobQueueOptions, 'path'> = {}) => {
      const queue = openSqliteJobQueue({ path: join(temp.path, 'jobs.db'), pollIntervalMs: 20, ...options });
      opened.push(queue);
      return queue;
    };
    beforeEach(() => void (temp = makeTempDir('strata-jobs-shared-')));
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
      temp.remove();
    });

    it('runs again a job whose worker process was killed, once its lease runs out', async () => {
      const queue = open({ leaseMs: 300 });
      await queue.enqueue('deliveries', { to: 'inbox' });
      const fixture = fileURLToPath(new URL('./fixtures/hanging-worker.ts', import.meta.url));
      const child = spawn(process.execPath, [fixture, join(temp.path, 'jobs.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.kill('SIGKILL');
      await exited;
      const attempts: number[] = [];
      await queue.work('deliveries', async (job) => void attempts.push(job.attempt));
      await eventually(() => attempts.length === 1, 10_000);
      expect(attempts).toEqual([2]);
    });

    it('keeps a job taken while its handler runs longer than the lease', async () => {
      const slow = open({ leaseMs: 90 });
      const other = open({ leaseMs: 90 });
      let runs = 0;
      let done = false;
      await slow.enqueue('media', {});
      await slow.work('media', async () => {
        runs++;
        // several leases long: only the renewals keep `other` away
        await new Promise((r) => setTimeout(r, 400));
        done = true;
      });
      await eventually(() => runs === 1);
      await other.work('media', async () => void runs++);
      await eventually(() => done, 10_000);
      expect(runs).toBe(1);
    });

    it('gives each job to exactly one of the competing workers', async () => {
      const first = open();
      const second = open();
      const seen: number[] = [];
      for (let n = 0; n < 40; n++) await first.enqueue('fetches', { n });
      const record = async (job: { payload: { n: number } }) => void seen.push(job.payload.n);
      await first.work('fetches', record, { concurrency: 4 });
      await second.work('fetches', record, { concurrency: 4 });
      await eventually(() => seen.length >= 40, 10_000);
      // let any double delivery show up before counting
      await new Promise((r) => setTimeout(r, 100));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    });
  });
});
