import { decideFailure } from './failure.ts';
import type { Job, JobQueue, WorkOptions } from './port.ts';

/**
 * What became of one run of a job: done, failed and coming back (`retried`), failed for
 * good at once (`failed`: a PermanentJobError), or failed its last attempt (`gave_up`).
 */
export interface JobOutcome {
  job: Job;
  result: 'done' | 'retried' | 'failed' | 'gave_up';
  error?: unknown;
}

export interface JobObserver {
  /** The correlation id to enqueue a job with (the current request's or event's). */
  correlationId(): string | undefined;
  /** Runs a job's handler inside its correlation id, so its log lines carry it. */
  inTrace<T>(job: Job, work: () => Promise<T>): Promise<T>;
  outcome(outcome: JobOutcome): void;
}

/**
 * Any job queue, watched: jobs carry the correlation id of the work that enqueued them,
 * and every run's outcome is told to the observer (logs, metrics). The verdict on a
 * failure is the one the adapters reach (`decideFailure`), so it names what they do.
 */
export function observeJobQueue(inner: JobQueue, observer: JobObserver): JobQueue {
  return {
    enqueue(queue, payload, options = {}) {
      const correlationId = options.correlationId ?? observer.correlationId();
      return inner.enqueue(queue, payload, correlationId ? { ...options, correlationId } : options);
    },
    work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options?: WorkOptions) {
      return inner.work<T>(
        queue,
        (job) =>
          observer.inTrace(job as Job, async () => {
            try {
              await handler(job);
            } catch (error) {
              const verdict = decideFailure(error, job.attempt, job.maxAttempts, () => 0);
              const result = verdict.retry ? 'retried' : job.attempt >= job.maxAttempts ? 'gave_up' : 'failed';
              observer.outcome({ job: job as Job, result, error });
              throw error;
            }
            observer.outcome({ job: job as Job, result: 'done' });
          }),
        options,
      );
    },
    deadLetters: (queue, limit) => inner.deadLetters(queue, limit),
    depths: () => inner.depths(),
    close: () => inner.close(),
  };
}
