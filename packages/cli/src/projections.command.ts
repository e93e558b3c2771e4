import { BadRequestError } from '@strata/kernel';
import { EmbeddedEventLog } from '@strata/event-log';
import { createLogger } from '@strata/logging';
import { rebuildReadModels } from '@strata/projector';
import type { CliCommand } from './main.ts';
import { withEngines } from './with-engines.ts';

export const projectionCommands: Record<string, CliCommand> = {
  rebuild: {
    summary: 'rebuild every read model from the event log (stop the server first; embedded mode)',
    async run(_args, config) {
      if (config.mode !== 'embedded') {
        throw new BadRequestError('in distributed mode, reset the projector consumer group in Kafka and empty the read-model database');
      }
      await withEngines(config, async (engines) => {
        const log = await engines.eventLog();
        if (!(log instanceof EmbeddedEventLog)) throw new BadRequestError('rebuild needs the embedded event log');
        const result = await rebuildReadModels({
          store: await engines.eventStore(),
          log,
          readModels: await engines.readModels(),
          vault: await engines.vault(),
          pubsub: await engines.pubsub(),
          logger: createLogger({ level: 'warn' }),
          publicUrl: config.publicUrl,
          onProgress: (done, total) => process.stdout.write(`projected ${done} of ${total + 1} events\n`),
        });
        process.stdout.write(`rebuilt the read models from ${result.events} events in ${result.seconds.toFixed(1)} s\n`);
      });
    },
  },
};
