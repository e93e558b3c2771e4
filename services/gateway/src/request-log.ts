import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@strata/logging';

/**
 * One log line per answered request, through pino-http. pino-http binds every request to
 * a child logger when it arrives, serializing and redacting it whether or not a line is
 * then written; a level that leaves out the answered requests' info lines keeps only the
 * failures' lines, so only a failed request is serialized, when it fails.
 */
export function requestLog(logger: Logger): RequestHandler {
  if (logger.isLevelEnabled('info')) {
    return pinoHttp({
      logger,
      genReqId: (req) => (req as { id?: string }).id ?? '',
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    });
  }
  return (req, res, next) => {
    const startedAt = Date.now();
    const failed = (error?: Error) => {
      res.off('finish', failed);
      res.off('close', failed);
      if (!error && res.statusCode < 500) return;
      const request = { id: (req as { id?: string }).id, method: req.method, url: req.originalUrl };
      logger.error({ req: request, res: { statusCode: res.statusCode }, err: error, responseTime: Date.now() - startedAt }, 'request errored');
    };
    res.on('finish', failed);
    res.on('close', failed);
    next();
  };
}
