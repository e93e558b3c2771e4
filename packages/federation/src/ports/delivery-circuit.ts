import type { CircuitBreakerOptions } from '@fedify/fedify';
import type { Logger } from '@strata/logging';

/**
 * Fedify's per-host circuit breaker for outgoing deliveries: after `failureThreshold`
 * failed deliveries to one host within ten minutes (connection errors and 5xx; 4xx count
 * as the host being up), deliveries to that host are parked on the outbox queue as
 * delayed jobs instead of retried, until a probe after `recoveryDelay` succeeds; parked
 * ones older than a week are dropped. Other hosts' jobs never wait for a dead one.
 * Retries with back-off and dead letters below that are the job queue's.
 */
export function deliveryCircuit(logger: Logger, overrides: Partial<Pick<CircuitBreakerOptions, 'failureThreshold'>> & { recoveryDelaySeconds?: number } = {}): CircuitBreakerOptions {
  return {
    failureThreshold: overrides.failureThreshold ?? 5,
    failureWindow: { minutes: 10 },
    recoveryDelay: { seconds: overrides.recoveryDelaySeconds ?? 15 * 60 },
    heldActivityTtl: { days: 7 },
    onStateChange: (host, from, to) => logger.warn({ host, from, to }, 'delivery circuit changed'),
    onActivityDrop: (host, details) => logger.warn({ host, inbox: details.inbox.href }, 'parked delivery expired and was dropped'),
  };
}
