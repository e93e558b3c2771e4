import type { Message, Options } from 'amqplib';

/**
 * A job on the wire: the body is the payload as JSON, the bookkeeping rides in headers
 * so that a message stays readable in the management UI and survives dead-lettering as is.
 */
export interface JobMessage {
  id: string;
  payload: unknown;
  /** Attempts made so far: 0 when enqueued. */
  attempts: number;
  maxAttempts: number;
  error?: string;
  failedAt?: string;
  correlationId?: string;
}

const header = {
  attempts: 'x-strata-attempts',
  maxAttempts: 'x-strata-max-attempts',
  error: 'x-strata-error',
  failedAt: 'x-strata-failed-at',
} as const;

export function encodeJob(job: JobMessage): { content: Buffer; options: Options.Publish } {
  const headers: Record<string, string | number> = {
    [header.attempts]: job.attempts,
    [header.maxAttempts]: job.maxAttempts,
  };
  if (job.error !== undefined) headers[header.error] = job.error;
  if (job.failedAt !== undefined) headers[header.failedAt] = job.failedAt;
  return {
    content: Buffer.from(JSON.stringify(job.payload ?? null)),
    options: { persistent: true, messageId: job.id, contentType: 'application/json', headers, ...(job.correlationId && { correlationId: job.correlationId }) },
  };
}

/** Reads a job back; a body that is not JSON (published by hand) comes back as its text, flagged by `malformed`. */
export function decodeJob(message: Message): JobMessage & { malformed?: string } {
  const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
  const job: JobMessage & { malformed?: string } = {
    id: String(message.properties.messageId ?? ''),
    payload: undefined,
    attempts: Number(headers[header.attempts] ?? 0),
    maxAttempts: Number(headers[header.maxAttempts] ?? 1),
  };
  if (typeof message.properties.correlationId === 'string') job.correlationId = message.properties.correlationId;
  if (typeof headers[header.error] === 'string') job.error = headers[header.error] as string;
  if (typeof headers[header.failedAt] === 'string') job.failedAt = headers[header.failedAt] as string;
  const text = message.content.toString('utf8');
  try {
    job.payload = JSON.parse(text);
  } catch (error) {
    job.payload = text;
    job.malformed = `malformed job body: ${(error as Error).message}`;
  }
  return job;
}
