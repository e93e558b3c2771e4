import type { IncomingMessage } from 'node:http';
import { type Request, Router } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { StrataConfig } from '@strata/config';
import type { Logger } from '@strata/logging';
import { Replicas } from './replicas.ts';

/** Paths the inbox service answers; the streaming service takes /api/v1/streaming; the API the rest. */
const FEDERATION_PATHS = ['/.well-known', '/nodeinfo', '/users', '/inbox', '/actor'];

/**
 * The distributed gateway's routes: one proxy per upstream service, and the streaming one's
 * upgrade handler. `own` are routers the gateway serves itself (the web pages), after the
 * federation proxies (ActivityPub asks for the same URLs) and before the API takes the rest.
 */
export function upstreamProxies(upstreams: StrataConfig['upstreams'], logger: Logger, own: Router[] = []) {
  // which replica each request went to, so a failure takes that one out of turn
  const chosen = new WeakMap<IncomingMessage, string>();
  const proxy = (targets: string[], pathFilter: string | string[] | ((path: string, req: IncomingMessage) => boolean), ws = false) => {
    const replicas = new Replicas(targets);
    return createProxyMiddleware({
      target: targets[0],
      router(req) {
        const target = replicas.pick();
        chosen.set(req, target);
        return target;
      },
      pathFilter,
      ws,
      xfwd: true,
      on: {
        // the services behind trust this one hop: they see the client's address as the gateway
        // worked it out, never an X-Forwarded-For the client wrote itself (that would dodge per-address limits)
        proxyReq(proxyReq, req) {
          proxyReq.setHeader('x-forwarded-for', (req as Request).ip ?? req.socket.remoteAddress ?? '');
        },
        error(error, req, res) {
          const target = chosen.get(req);
          if (target) replicas.failed(target);
          logger.warn({ err: error, target }, 'upstream unreachable');
          if ('writeHead' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Bad gateway' }));
          } else if ('destroy' in res) res.destroy();
        },
      },
    });
  };
  // mounted at the root with path filters, so each upstream sees the full original path
  const streaming = proxy(upstreams.streaming, '/api/v1/streaming', true);
  const router = Router();
  router.use(streaming);
  router.use(proxy(upstreams.inbox, FEDERATION_PATHS));
  // a profile URL asked for as ActivityPub is the actor: the inbox service answers it
  router.use(proxy(upstreams.inbox, (path, req) => path.startsWith('/@') && /activity\+json|ld\+json/.test(req.headers.accept ?? '')));
  for (const served of own) router.use(served);
  router.use(proxy(upstreams.api, () => true));
  return { router, upgrade: streaming.upgrade };
}
