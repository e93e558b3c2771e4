import type { Logger } from '@strata/logging';

export interface RunningService {
  /** Finishes in-flight work (requests, the event in hand) and saves checkpoints. */
  stop(): Promise<void>;
}

/**
 * Keeps a service running until SIGINT/SIGTERM, then stops it gracefully. A second
 * signal, or a stop that hangs past `graceMs`, exits at once.
 */
export function stopOnSignals(service: RunningService, logger: Logger, graceMs = 15_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'graceful stop timed out');
      process.exit(1);
    }, graceMs);
    timer.unref();
    try {
      await service.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'stop failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
