import { PermanentJobError } from './port.ts';

/** What a failed attempt leads to: another try after a back-off, or the dead letters. */
export type FailureOutcome = { retry: true; delayMs: number; error: string } | { retry: false; error: string };

export function decideFailure(
  error: unknown,
  attempt: number,
  maxAttempts: number,
  backoffMs: (attempt: number) => number,
): FailureOutcome {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof PermanentJobError || attempt >= maxAttempts) return { retry: false, error: text };
  return { retry: true, delayMs: Math.max(0, backoffMs(attempt)), error: text };
}

export const defaultMaxAttempts = 8;
