import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { RateLimitedError, StrataError, ValidationError } from '@strata/kernel';
import { z } from 'zod';
import type { Logger } from '@strata/logging';

/**
 * The one place errors become HTTP: Mastodon's shape `{"error": "..."}`, plus
 * `details` per field for 422. Anything unexpected is logged and answered 500
 * without internals.
 */
export function mastodonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, body } = toMastodonError(error);
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    if (error instanceof RateLimitedError) setRetryAfter(res, error);
    res.status(status).json(body);
  };
}

/** Seconds until a throttle lets the client in again, as HTTP's Retry-After. */
export function setRetryAfter(res: Response, error: RateLimitedError): void {
  res.setHeader('Retry-After', Math.max(0, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000)));
}

export function toMastodonError(error: unknown): { status: number; body: Record<string, unknown> } {
  if (error instanceof ValidationError) {
    return { status: 422, body: error.details ? { error: error.message, details: error.details } : { error: error.message } };
  }
  if (error instanceof StrataError) return { status: error.status, body: { error: error.message } };
  if (error instanceof z.ZodError) return { status: 400, body: { error: describeZodError(error) } };
  // body-parser and friends carry their own 4xx status (bad JSON, too large)
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: (error as Error).message || 'Bad request' } };
  }
  return { status: 500, body: { error: 'Internal server error' } };
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Mastodon answers unknown API paths with a JSON 404, not an HTML page. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Record not found' });
};
