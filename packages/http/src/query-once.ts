import type { RequestHandler } from 'express';

/**
 * Express 5 parses the query string again on every read of `req.query` (a getter), and a
 * timeline reads it several times (its parameters, then each paging link): parsed once
 * here, kept on the request read-only as the getter was.
 */
export const parseQueryOnce: RequestHandler = (req, _res, next) => {
  Object.defineProperty(req, 'query', { value: req.query, writable: false, enumerable: true, configurable: true });
  next();
};
