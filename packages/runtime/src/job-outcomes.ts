import { type JobObserver, type JobOutcome } from '@strata/job-queue';
import { type Logger, currentTrace, withTrace } from '@strata/logging';

export type JobOutcomeListener = (outcome: JobOutcome) => void;

/**
 * How a process watches its jobs: each run inside the correlation id the job was
 * enqueued with, each failure logged (a retry as a warning, a dead letter as an error)
 * and every outcome told to the listeners (the service's metrics).
 */
export function jobObserver(listeners: JobOutcomeListener[], logger?: Logger): JobObserver {
  return {
    correlationId: () => currentTrace()?.correlationId,
    inTrace: (job, work) => withTrace({ correlationId: job.correlationId ?? `job:${job.id}`, causationId: job.id }, work),
    outcome(outcome) {
      for (const listener of listeners) listener(outcome);
      if (outcome.result === 'done' || !logger) return;
      const { job, result, error } = outcome;
      const fields = { err: error, job: { id: job.id, name: job.queue, attempt: job.attempt, maxAttempts: job.maxAttempts }, result };
      if (result === 'retried') logger.warn(fields, `job ${job.queue} failed, will retry`);
      else logger.error(fields, result === 'gave_up' ? `job ${job.queue} failed its last attempt: dead-lettered` : `job ${job.queue} failed for good: dead-lettered`);
    },
  };
}
