/**
 * Typed errors shared by every layer. The HTTP layer maps them to Mastodon's error
 * shape in one place; nothing else decides status codes.
 */
export type FieldErrors = Record<string, Array<{ error: string; description: string }>>;

export abstract class StrataError extends Error {
  abstract readonly status: number;
  override readonly name: string = this.constructor.name;
}

/** 422: a well-formed request the domain refuses; `details` per field like Mastodon. */
export class ValidationError extends StrataError {
  readonly status = 422;
  readonly details: FieldErrors | undefined;
  constructor(message: string, details?: FieldErrors) {
    super(message);
    this.details = details;
  }
}

/** 400: the request cannot be understood (missing or malformed parameters). */
export class BadRequestError extends StrataError {
  readonly status = 400;
}

export class UnauthorizedError extends StrataError {
  readonly status = 401;
  constructor(message = 'The access token is invalid') {
    super(message);
  }
}

export class ForbiddenError extends StrataError {
  readonly status = 403;
  constructor(message = 'This action is not allowed') {
    super(message);
  }
}

export class NotFoundError extends StrataError {
  readonly status = 404;
  constructor(message = 'Record not found') {
    super(message);
  }
}

export class ConflictError extends StrataError {
  readonly status: number = 409;
}

/** The write is durable but the read models have not caught up within the wait: ask again. */
export class NotYetReadableError extends StrataError {
  readonly status = 503;
}

/** A service the request needs is not available on this server (Mastodon's 503 `Service Unavailable`). */
export class ServiceUnavailableError extends StrataError {
  readonly status = 503;
  constructor(message = 'Service Unavailable') {
    super(message);
  }
}

export class RateLimitedError extends StrataError {
  readonly status = 429;
  readonly resetAt: Date;
  constructor(resetAt: Date, message = 'Too many requests') {
    super(message);
    this.resetAt = resetAt;
  }
}

/** Optimistic concurrency failure on append; the caller may re-read and decide again. */
export class WrongExpectedRevisionError extends ConflictError {
  readonly stream: string;
  readonly expected: string;
  readonly actual: string;
  constructor(stream: string, expected: string | number, actual: string | number) {
    super(`stream ${stream}: expected revision ${expected}, found ${actual}`);
    this.stream = stream;
    this.expected = String(expected);
    this.actual = String(actual);
  }
}

/** Stored data that cannot be decoded: fail loudly, naming where it sits. */
export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';
  readonly stream: string;
  readonly position: number | string;
  constructor(stream: string, position: number | string, cause: unknown) {
    super(`malformed event in stream ${stream} at position ${position}: ${String((cause as Error)?.message ?? cause)}`, {
      cause,
    });
    this.stream = stream;
    this.position = position;
  }
}
