import type { NextFunction, Request, Response } from 'express';

const ACTIVITY_PUB = ['application/activity+json', 'application/ld+json'];

/**
 * Public pages share their URLs with ActivityPub objects: a request that asks for
 * ActivityPub and does not prefer HTML is not ours, it goes on to the federation routes.
 */
export function asksForActivityPub(req: Request, res: Response): boolean {
  res.vary('Accept');
  const best = req.accepts(['text/html', ...ACTIVITY_PUB]);
  if (best) return ACTIVITY_PUB.includes(best);
  // an Accept naming neither (e.g. only application/json): answer only if it is not ActivityPub-ish
  return /application\/(activity|ld)\+json/.test(req.headers.accept ?? '');
}

/** Middleware form: passes ActivityPub requests to the next route. */
export function htmlOnly(req: Request, res: Response, next: NextFunction) {
  next(asksForActivityPub(req, res) ? 'route' : undefined);
}
