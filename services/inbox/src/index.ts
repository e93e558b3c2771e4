import { type Request, type RequestHandler, Router } from 'express';
import { type FederationDeps, type StrataFederation, federationMiddleware, screenByDomainPolicy } from '@strata/federation';
import { hostMetaRoutes } from './host-meta.routes.ts';
import { nodeInfo20Routes } from './nodeinfo/nodeinfo-2.0.routes.ts';

export type { FederationDeps as InboxDeps } from '@strata/federation';

/** Paths Fedify answers; nothing else reaches it (so no other request body is read here). */
const FEDERATION_PATHS = ['/users', '/inbox', '/.well-known/webfinger', '/.well-known/nodeinfo', '/nodeinfo/2.1'];

const ACTIVITY_JSON = ['application/activity+json', 'application/ld+json'];

/**
 * The federation side: actors, inboxes, collections, WebFinger and NodeInfo through
 * Fedify. Mount it before any body parser: Fedify reads inbox bodies itself to check
 * their digests and signatures.
 */
export function createInboxRouter(federation: StrataFederation, deps: FederationDeps): Router {
  const router = Router();
  const data = () => deps;
  router.use(FEDERATION_PATHS, federationMiddleware(federation, data, { maxBodyBytes: deps.config.federation.maxInboxBytes, screen: screenByDomainPolicy(deps) }));
  // a browser asking for an actor is sent to the profile page, as Mastodon does
  router.get('/users/:username', (req, res) => res.redirect(302, `/@${encodeURIComponent(String(req.params['username']))}`));
  // `/@username` is the profile page; for ActivityPub clients it is the actor itself
  // `/@username` and `/@username/:id` are pages; for ActivityPub clients they are the actor and the note
  const alias = (path: (params: Record<string, string>) => string): RequestHandler => (req, res, next) =>
    wantsActivityJson(req) ? federationMiddleware(federation, data, { pathOf: () => path(req.params as Record<string, string>) })(req, res, next) : next();
  router.get('/@:username', alias((params) => `/users/${encodeURIComponent(params['username']!)}`));
  router.get('/@:username/:id', alias((params) => `/users/${encodeURIComponent(params['username']!)}/statuses/${encodeURIComponent(params['id']!)}`));
  router.use(hostMetaRoutes(deps.config));
  router.use(nodeInfo20Routes(deps));
  return router;
}

function wantsActivityJson(req: Request): boolean {
  const preferred = req.accepts(['text/html', ...ACTIVITY_JSON]);
  return typeof preferred === 'string' && ACTIVITY_JSON.includes(preferred);
}
