import { type Vault, randomSecret, revokeAccountTokens } from '@strata/auth';
import { handleCommand, registerLocalUser } from '@strata/commands';
import { AccountRole, accountStream } from '@strata/contracts';
import { accountDecider } from '@strata/domain';
import { BadRequestError, NotFoundError, snowflakes, systemClock } from '@strata/kernel';
import { PersonalDataVault } from '@strata/personal-data';
import type { CliCommand } from './main.ts';
import { metadata, withEngines } from './with-engines.ts';

async function accountIdOf(vault: Vault, username: string | undefined): Promise<string> {
  if (!username) throw new BadRequestError('a username is required');
  const [credentials] = await vault.credentials.find({ where: { usernameLower: username.toLowerCase() }, limit: 1 });
  if (!credentials) throw new NotFoundError(`no local account ${username}`);
  return credentials.id;
}

export const accountCommands: Record<string, CliCommand> = {
  create: {
    summary: 'create a local account: --email, --role owner|admin|moderator|user, --password (else generated), --confirmed',
    positionals: '<username>',
    options: {
      email: { type: 'string' },
      role: { type: 'string', default: 'user' },
      password: { type: 'string' },
      confirmed: { type: 'boolean', default: false },
    },
    async run({ values, positionals }, config) {
      const [username] = positionals;
      if (!username) throw new BadRequestError('a username is required');
      const email = values['email'];
      if (typeof email !== 'string') throw new BadRequestError('--email is required');
      const role = AccountRole.safeParse(values['role']);
      if (!role.success) throw new BadRequestError(`--role must be one of ${AccountRole.options.join(', ')}`);
      const generated = typeof values['password'] !== 'string';
      const password = generated ? randomSecret(18) : (values['password'] as string);
      await withEngines(config, async (engines, vault) => {
        const { accountId } = await registerLocalUser(
          { store: await engines.eventStore(), ids: snowflakes, clock: systemClock, vault, personalData: new PersonalDataVault(await engines.vault()) },
          {
            username,
            email,
            password,
            locale: 'en',
            reason: null,
            role: role.data,
            approved: true,
            confirmed: values['confirmed'] === true || !config.instance.requireEmailConfirmation,
            ip: null,
          },
          metadata(),
        );
        process.stdout.write(`created account ${username} with id ${accountId} and role ${role.data}\n`);
        if (generated) process.stdout.write(`new password: ${password}\n`);
      });
    },
  },

  confirm: {
    summary: 'confirm the e-mail address of an account',
    positionals: '<username>',
    async run({ positionals }, config) {
      await withEngines(config, async (_engines, vault) => {
        const accountId = await accountIdOf(vault, positionals[0]);
        await vault.credentials.patch(accountId, { confirmedAt: systemClock.now().toISOString() });
        process.stdout.write(`confirmed ${positionals[0]}\n`);
      });
    },
  },

  approve: {
    summary: 'approve an account that signed up while registrations needed approval',
    positionals: '<username>',
    async run({ positionals }, config) {
      await withEngines(config, async (engines, vault) => {
        const accountId = await accountIdOf(vault, positionals[0]);
        await handleCommand(await engines.eventStore(), accountStream(accountId), accountDecider, { type: 'ApproveAccount', accountId, at: systemClock.now() }, metadata());
        await vault.credentials.patch(accountId, { approved: true });
        process.stdout.write(`approved ${positionals[0]}\n`);
      });
    },
  },

  suspend: {
    summary: 'suspend an account: hidden everywhere, signed out, its streams closed',
    positionals: '<username>',
    async run({ positionals }, config) {
      await setSuspension(config, positionals[0], true);
    },
  },

  unsuspend: {
    summary: 'lift a suspension',
    positionals: '<username>',
    async run({ positionals }, config) {
      await setSuspension(config, positionals[0], false);
    },
  },

  role: {
    summary: 'change the role of an account',
    positionals: '<username> <role>',
    async run({ positionals }, config) {
      const role = AccountRole.safeParse(positionals[1]);
      if (!role.success) throw new BadRequestError(`role must be one of ${AccountRole.options.join(', ')}`);
      await withEngines(config, async (engines, vault) => {
        const accountId = await accountIdOf(vault, positionals[0]);
        await handleCommand(await engines.eventStore(), accountStream(accountId), accountDecider, { type: 'ChangeRole', accountId, role: role.data }, metadata());
        process.stdout.write(`${positionals[0]} is now ${role.data}\n`);
      });
    },
  },
};

async function setSuspension(config: Parameters<CliCommand['run']>[1], username: string | undefined, suspended: boolean) {
  await withEngines(config, async (engines, vault) => {
    const accountId = await accountIdOf(vault, username);
    await vault.credentials.patch(accountId, { disabled: suspended });
    if (suspended) await revokeAccountTokens(vault, systemClock, accountId);
    const command = { type: 'SetSuspension' as const, accountId, suspended, at: systemClock.now() };
    await handleCommand(await engines.eventStore(), accountStream(accountId), accountDecider, command, metadata());
    process.stdout.write(`${username} is ${suspended ? 'suspended' : 'no longer suspended'}\n`);
  });
}
