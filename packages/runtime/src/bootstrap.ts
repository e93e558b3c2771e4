import { ConfigError, type StrataConfig, loadConfig } from '@strata/config';
import { type Logger, createLogger } from '@strata/logging';
import { type Engines, openEngines } from './engines.ts';
import { type RunningService, stopOnSignals } from './service.ts';

/**
 * The shared start of every service's main.ts: configuration, logger and engines, then
 * the service itself, stopped gracefully on SIGINT/SIGTERM with its engines closed.
 */
export async function runService(
  name: string,
  start: (context: { config: StrataConfig; logger: Logger; engines: Engines }) => Promise<RunningService>,
): Promise<void> {
  let config: StrataConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`strata ${name}: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, name });
  const engines = openEngines(config, `strata-${name}`, logger);
  try {
    const service = await start({ config, logger, engines });
    logger.info({ mode: config.mode, adapters: config.adapters }, `${name} started`);
    stopOnSignals(
      {
        async stop() {
          await service.stop();
          await engines.close();
        },
      },
      logger,
    );
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    await engines.close().catch(() => {});
    process.exit(1);
  }
}
