import { handleCommand } from '@strata/commands';
import { INSTANCE_STREAM, RegistrationMode } from '@strata/contracts';
import { instanceDecider } from '@strata/domain';
import { BadRequestError, systemClock } from '@strata/kernel';
import type { CliCommand } from './main.ts';
import { metadata, withEngines } from './with-engines.ts';

export const instanceCommands: Record<string, CliCommand> = {
  registrations: {
    summary: 'set who may sign up: open, approval or closed (overrides STRATA_REGISTRATIONS)',
    positionals: '<open|approval|closed>',
    async run({ positionals }, config) {
      const mode = RegistrationMode.safeParse(positionals[0]);
      if (!mode.success) throw new BadRequestError(`mode must be one of ${RegistrationMode.options.join(', ')}`);
      await withEngines(config, async (engines) => {
        const command = { type: 'ChangeRegistrationMode' as const, mode: mode.data, at: systemClock.now() };
        await handleCommand(await engines.eventStore(), INSTANCE_STREAM, instanceDecider, command, metadata());
        process.stdout.write(`registrations are now ${mode.data}\n`);
      });
    },
  },
};
