import { randomUUID } from 'node:crypto';
import { registerAccount } from '@strata/commands';
import { AccountRole } from '@strata/contracts';
import { BadRequestError, snowflakes, systemClock } from '@strata/kernel';
import { openEngines } from '@strata/runtime';
import type { CliCommand } from './main.ts';

export const accountCommands: Record<string, CliCommand> = {
  create: {
    summary: 'create a local account (--role owner|admin|moderator|user)',
    positionals: '<username>',
    options: { role: { type: 'string', default: 'user' } },
    async run({ values, positionals }, config) {
      const [username] = positionals;
      if (!username) throw new BadRequestError('a username is required');
      const role = AccountRole.safeParse(values['role']);
      if (!role.success) throw new BadRequestError(`--role must be one of ${AccountRole.options.join(', ')}`);
      const engines = openEngines(config, 'strata-cli');
      try {
        const { accountId } = await registerAccount(
          { store: await engines.eventStore(), ids: snowflakes, clock: systemClock },
          { username, role: role.data, approved: true },
          { actor: 'system:cli', correlationId: randomUUID() },
        );
        process.stdout.write(`created account ${username} with id ${accountId} and role ${role.data}\n`);
      } finally {
        await engines.close();
      }
    },
  },
};
