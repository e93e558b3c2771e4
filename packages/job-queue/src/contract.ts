import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, uniqueName } from '@strata/testkit';
import { type Job, type JobQueue, PermanentJobError, type Worker } from './port.ts';

export interface JobQueueFixture {
  queue: JobQueue;
  cleanup(): Promise<void>;
}

const fast = { backoffMs: () => 50 };

/** The behaviour every job queue adapter must have; each adapter's spec calls this with its factory. */
export function jobQueueContract(factory: () => Promise<JobQueueFixture>) {
  let fixture: JobQueueFixture;
  let name: string;
  const workers: Worker[] = [];
  beforeEach(async () => {
    fixture = await factory();
    name = uniqueName('jobs');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await fixture.cleanup();
  });
  const work = async <T>(handler: (job: Job<T>) => Promise<void>, options = {}) => {
    const worker = await fixture.queue.work<T>(name, handler, { ...fast, ...options });
    workers.push(worker);
    return worker;
  };

  describe('job queue', () => {
    it('runs a job once with its payload', async () => {
      const seen: Job<{ n: number }>[] = [];
      await work<{ n: number }>(async (job) => void seen.push(job));
      const id = await fixture.queue.enqueue(name, { n: 1 });
      await eventually(() => seen.length === 1);
      await new Promise((r) => setTimeout(r, 150));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id, queue: name, payload: { n: 1 }, attempt: 1 });
    });

    it('retries a failing job, counting attempts, until it succeeds', async () => {
      const attempts: number[] = [];
      await work(async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error('temporarily down');
      });
      await fixture.queue.enqueue(name, {});
      await eventually(() => attempts.length === 3, 10_000);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await fixture.queue.deadLetters(name)).toEqual([]);
    });

    it('dead-letters a job that keeps failing, with its error', async () => {
      let attempts = 0;
      await work(async () => {
        attempts++;
        throw new Error('host is gone');
      });
      await fixture.queue.enqueue(name, { to: 'inbox' }, { maxAttempts: 2 });
      const letters = await eventually(async () => {
        const found = await fixture.queue.deadLetters(name);
        return found.length === 1 ? found : undefined;
      }, 10_000);
      const letter = letters[0];
      expect(letter).toMatchObject({ queue: name, payload: { to: 'inbox' }, attempts: 2 });
      expect(letter!.error).toContain('host is gone');
      expect(attempts).toBe(2);
    });

    it('dead-letters a permanent failure at once', async () => {
      let attempts = 0;
      await work(async () => {
        attempts++;
        throw new PermanentJobError('410 Gone');
      });
      await fixture.queue.enqueue(name, {}, { maxAttempts: 5 });
      await eventually(async () => (await fixture.queue.deadLetters(name)).length === 1, 10_000);
      expect(attempts).toBe(1);
    });

    it('defers a delayed job', async () => {
      const ran: number[] = [];
      await work(async () => void ran.push(Date.now()));
      const enqueuedAt = Date.now();
      await fixture.queue.enqueue(name, {}, { delayMs: 300 });
      await eventually(() => ran.length === 1, 10_000);
      expect(ran[0]! - enqueuedAt).toBeGreaterThanOrEqual(250);
    });

    it('runs up to `concurrency` jobs at once', async () => {
      let running = 0;
      let most = 0;
      let done = 0;
      await work(
        async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 100));
          running--;
          done++;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 6; i++) await fixture.queue.enqueue(name, { i });
      await eventually(() => done === 6, 10_000);
      expect(most).toBe(3);
    });

    it('keeps jobs enqueued while no worker runs, and stop() waits for the job in hand', async () => {
      await fixture.queue.enqueue(name, { early: true });
      let finished = false;
      let started = false;
      const worker = await work(async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      });
      await eventually(() => started);
      await worker.stop();
      expect(finished).toBe(true);
    });
  });
}
