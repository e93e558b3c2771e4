import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, uniqueName } from '@strata/testkit';
import { type Job, type JobQueue, PermanentJobError, type WorkOptions, type Worker } from './port.ts';

export interface JobQueueFixture {
  queue: JobQueue;
  /** Another instance on the same store, as a restarted process would open; closed by the suite. */
  reopen?: () => Promise<JobQueue>;
  cleanup(): Promise<void>;
}

const fast: WorkOptions = { backoffMs: () => 50 };

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** The behaviour every job queue adapter must have; each adapter's spec calls this with its factory. */
export function jobQueueContract(factory: () => Promise<JobQueueFixture>) {
  let fixture: JobQueueFixture;
  let name: string;
  const workers: Worker[] = [];
  const reopened: JobQueue[] = [];
  beforeEach(async () => {
    fixture = await factory();
    name = uniqueName('jobs');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(reopened.splice(0).map((q) => q.close()));
    await fixture.cleanup();
  });
  const work = async <T>(handler: (job: Job<T>) => Promise<void>, options: WorkOptions = {}, queue = fixture.queue) => {
    const worker = await queue.work<T>(name, handler, { ...fast, ...options });
    workers.push(worker);
    return worker;
  };

  describe('job queue', () => {
    it('runs a job once with its payload', async () => {
      const seen: Job<{ n: number }>[] = [];
      await work<{ n: number }>(async (job) => void seen.push(job));
      const id = await fixture.queue.enqueue(name, { n: 1 });
      await eventually(() => seen.length === 1);
      // room for a wrong second run to show up
      await new Promise((r) => setTimeout(r, 150));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id, queue: name, payload: { n: 1 }, attempt: 1, maxAttempts: 8 });
    });

    it('hands each run the correlation id the job was enqueued with', async () => {
      const seen: (string | undefined)[] = [];
      await work(async (job) => {
        seen.push(job.correlationId);
        if (job.attempt === 1) throw new Error('once');
      });
      await fixture.queue.enqueue(name, {}, { correlationId: 'request-42' });
      await eventually(() => seen.length === 2, 10_000);
      // the retry keeps it too
      expect(seen).toEqual(['request-42', 'request-42']);
    });

    it('counts the jobs waiting and dead-lettered in each queue', async () => {
      await fixture.queue.enqueue(name, { n: 1 });
      await fixture.queue.enqueue(name, { n: 2 }, { delayMs: 60_000 });
      const depthOf = async () => (await fixture.queue.depths()).find((depth) => depth.queue === name);
      expect(await depthOf()).toEqual({ queue: name, waiting: 2, deadLetters: 0 });
      await work(async () => {
        throw new PermanentJobError('refused');
      });
      await eventually(async () => ((await depthOf())?.deadLetters === 1 ? true : undefined), 10_000);
      expect(await depthOf()).toEqual({ queue: name, waiting: 1, deadLetters: 1 });
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

    it('does not hold up other jobs while a failed one waits for its retry', async () => {
      const order: string[] = [];
      await work<{ name: string }>(
        async (job) => {
          order.push(`${job.payload.name}#${job.attempt}`);
          if (job.payload.name === 'flaky' && job.attempt === 1) throw new Error('once');
        },
        { backoffMs: () => 400 },
      );
      await fixture.queue.enqueue(name, { name: 'flaky' });
      await eventually(() => order.length === 1);
      await fixture.queue.enqueue(name, { name: 'next' });
      await eventually(() => order.length === 3, 10_000);
      expect(order).toEqual(['flaky#1', 'next#1', 'flaky#2']);
    });

    it('dead-letters a job that keeps failing, with its error', async () => {
      let attempts = 0;
      await work(async () => {
        attempts++;
        throw new Error('host is gone');
      });
      const id = await fixture.queue.enqueue(name, { to: 'inbox' }, { maxAttempts: 2 });
      const letters = await eventually(async () => {
        const found = await fixture.queue.deadLetters(name);
        return found.length === 1 ? found : undefined;
      }, 10_000);
      expect(letters[0]).toMatchObject({ id, queue: name, payload: { to: 'inbox' }, attempts: 2 });
      expect(letters[0]!.error).toContain('host is gone');
      expect(Number.isNaN(Date.parse(letters[0]!.failedAt))).toBe(false);
      expect(attempts).toBe(2);
      // reading dead letters does not take them away
      expect(await fixture.queue.deadLetters(name)).toEqual(letters);
    });

    it('dead-letters a permanent failure at once', async () => {
      let attempts = 0;
      await work(async () => {
        attempts++;
        throw new PermanentJobError('410 Gone');
      });
      await fixture.queue.enqueue(name, {}, { maxAttempts: 5 });
      const letters = await eventually(async () => {
        const found = await fixture.queue.deadLetters(name);
        return found.length === 1 ? found : undefined;
      }, 10_000);
      expect(letters[0]).toMatchObject({ attempts: 1 });
      expect(letters[0]!.error).toContain('410 Gone');
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
      const threeRunning = gate();
      await work(
        async () => {
          most = Math.max(most, ++running);
          if (running === 3) threeRunning.open();
          // every job holds its slot until three overlap: with less concurrency this never opens
          await threeRunning.opened;
          running--;
          done++;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 7; i++) await fixture.queue.enqueue(name, { i });
      await eventually(() => done === 7, 10_000);
      expect(most).toBe(3);
    });

    it('stop() waits for the job in hand, and takes no more', async () => {
      const release = gate();
      let started = 0;
      let finished = false;
      const worker = await work(async () => {
        started++;
        await release.opened;
        finished = true;
      });
      await fixture.queue.enqueue(name, { n: 1 });
      await eventually(() => started === 1);
      const stopped = worker.stop();
      await fixture.queue.enqueue(name, { n: 2 });
      release.open();
      await stopped;
      expect(finished).toBe(true);
      await new Promise((r) => setTimeout(r, 150));
      expect(started).toBe(1);
    });

    it('keeps jobs enqueued while no worker runs, for the next one to start', async () => {
      await fixture.queue.enqueue(name, { early: true });
      // a worker in a fresh instance where the adapter can open one, as after a restart
      const restarted = fixture.reopen ? await fixture.reopen() : fixture.queue;
      if (restarted !== fixture.queue) reopened.push(restarted);
      const seen: unknown[] = [];
      await work(async (job) => void seen.push(job.payload), {}, restarted);
      await eventually(() => seen.length === 1, 10_000);
      expect(seen).toEqual([{ early: true }]);
    });
  });
}
