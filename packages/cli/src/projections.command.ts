import { BadRequestError } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { rebuildWithEngines } from '@strata/projector';
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
        const result = await rebuildWithEngines(engines, config.publicUrl, createLogger({ level: 'warn' }), (done, total) =>
          process.stdout.write(`projected ${done} of ${total + 1} events\n`),
        );
        process.stdout.write(`rebuilt the read models from ${result.events} events in ${result.seconds.toFixed(1)} s\n`);
      });
    },
  },
};
