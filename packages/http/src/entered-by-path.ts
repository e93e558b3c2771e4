import type { RequestHandler, Router } from 'express';

type Layer = { route?: { path: unknown } };

/**
 * A feature router, entered only by requests whose path could match one of its routes.
 * Express walks every layer of every router mounted before the one that answers (178
 * path matches for the home timeline); a router whose layers are all routes on string
 * paths is skipped when the path starts with none of their literal beginnings (the part
 * before the first parameter, compared without case as Express's routing does). A router
 * with middleware of its own, or a route on another kind of path, is always entered.
 */
export function enteredByPath(router: Router): RequestHandler {
  let prefixes: string[] | null | undefined;
  const gate: RequestHandler = (req, res, next) => {
    // read on the first request: every route is registered by then
    prefixes ??= literalPrefixes(router);
    if (prefixes) {
      const path = req.path.toLowerCase();
      if (!prefixes.some((prefix) => path.startsWith(prefix))) return next();
    }
    router(req, res, next);
  };
  // the router's stack stays visible, as a mounted router's is, to whatever lists the routes
  return Object.assign(gate, { stack: router.stack });
}

function literalPrefixes(router: Router): string[] | null {
  const prefixes = new Set<string>();
  for (const layer of router.stack as Layer[]) {
    if (!layer.route) return null;
    for (const path of [layer.route.path].flat()) {
      if (typeof path !== 'string') return null;
      // where path-to-regexp's syntax begins (a parameter, a wildcard, an optional group, an escape)
      prefixes.add(path.split(/[:*{(\\]/)[0]!.toLowerCase());
    }
  }
  return [...prefixes];
}
