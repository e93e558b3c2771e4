import type { Router } from 'express';
import { loadConfig } from '@strata/config';
import { createLogger } from '@strata/logging';
import { openEngines } from '@strata/runtime';
import { composeApi, createApiRouter } from '@strata/api';

export interface RouteEntry {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path an Express router (and the routers it mounts) answers. */
export function listRoutes(router: Router): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods)) for (const path of paths) routes.push({ method: method.toUpperCase(), path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return routes;
}

/** The routes of the Mastodon API router as the server builds it (engines are opened lazily, so none is touched). */
export function apiRoutes(dataDir: string): RouteEntry[] {
  const config = loadConfig({ STRATA_DATA: dataDir, STRATA_LOG_LEVEL: 'silent' });
  return listRoutes(createApiRouter(composeApi(config, createLogger({ level: 'silent' }), openEngines(config))));
}
