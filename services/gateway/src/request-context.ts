import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { withTrace } from '@strata/logging';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (kept from X-Request-Id when a proxy set a sane one) and
 * runs the rest of its handling inside a trace, so every log line and every event it
 * causes carries the same correlation id.
 */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.header('x-request-id');
  const requestId = incoming && ID_PATTERN.test(incoming) ? incoming : randomUUID();
  const correlation = req.header('x-correlation-id');
  const correlationId = correlation && ID_PATTERN.test(correlation) ? correlation : requestId;
  res.setHeader('X-Request-Id', requestId);
  (req as { id?: string }).id = requestId;
  withTrace({ requestId, correlationId }, () => next());
};
