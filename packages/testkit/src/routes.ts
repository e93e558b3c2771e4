/** One route an Express app answers: an HTTP method and its path pattern (`/api/v1/statuses/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string | string[] | RegExp;
}

/**
 * Every method and path of an Express app or router, walking its stack and the stacks of
 * the routers mounted in it, so that a test can cover each route, including routes added
 * after the test was written. Paths given as regular expressions are skipped.
 */
export function listRoutes(appOrRouter: { router?: unknown; stack?: unknown }): RouteEntry[] {
  const stack = (('stack' in appOrRouter && appOrRouter.stack) || (appOrRouter.router as { stack?: unknown } | undefined)?.stack) as LayerLike[] | undefined;
  if (!stack) throw new Error('listRoutes needs an Express app or router');
  const found = new Map<string, RouteEntry>();
  walk(stack, '', found);
  return [...found.values()];
}

function walk(stack: LayerLike[], prefix: string, found: Map<string, RouteEntry>) {
  for (const layer of stack) {
    if (layer.route) {
      for (const path of strings(layer.route.path)) {
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (!enabled || method === '_all') continue;
          const entry = { method: method.toUpperCase(), path: join(prefix, path) };
          found.set(`${entry.method} ${entry.path}`, entry);
        }
      }
    } else if (layer.handle?.stack) {
      const mounts = layer.rawPath === undefined ? ['/'] : strings(layer.rawPath);
      for (const mount of mounts) walk(layer.handle.stack, join(prefix, mount), found);
    }
  }
}

const strings = (path: string | string[] | RegExp): string[] => (Array.isArray(path) ? path : typeof path === 'string' ? [path] : []).filter((p) => typeof p === 'string');
const join = (prefix: string, path: string) => (prefix.replace(/\/+$/, '') + (path === '/' ? '' : path)) || '/';
