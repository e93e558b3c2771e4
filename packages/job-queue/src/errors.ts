/** The queue's broker cannot be reached; the URL is shown without its credentials. */
export class JobQueueUnavailableError extends Error {
  override readonly name = 'JobQueueUnavailableError';
  constructor(engine: string, url: string, cause: unknown) {
    const where = url.replace(/\/\/[^@/]*@/, '//');
    super(`${engine} is unreachable at ${where}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** A job whose subject is not in the read models yet (the projector has not caught up): retried after a back-off. */
export class NotProjectedYet extends Error {
  override readonly name = 'NotProjectedYet';
}
