import { loadConfig } from '@strata/config';
import { createEmbeddedApp } from '@strata/gateway';
import { createLogger } from '@strata/logging';
import { openEngines } from '@strata/runtime';
import { type RouteEntry, listRoutes, makeTempDir } from '@strata/testkit';

/** Every route the embedded server answers, read from its real routers (built on a scratch data folder). */
export async function everyRoute(): Promise<RouteEntry[]> {
  const temp = makeTempDir('strata-routes-');
  const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'silent' });
  const engines = openEngines(config, 'route-listing');
  try {
    const [readModels, pubsub] = await Promise.all([engines.readModels(), engines.pubsub()]);
    const { app, streaming, deps } = await createEmbeddedApp(config, createLogger({ level: 'silent' }), engines, { readModels, pubsub });
    await streaming.close();
    await deps.close();
    return listRoutes(app);
  } finally {
    await engines.close();
    temp.remove();
  }
}
