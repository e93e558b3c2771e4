import { randomSecret } from '@strata/auth';
import { accountIdOf } from './account-lookup.ts';
import { modifyAccount } from './account-modify.command.ts';
import { approveAccount, changeAccountRole, confirmAccountEmail, deleteAccount, registerLocalUser, setAccountAliases, setAccountSuspension } from '@strata/commands';
import { AccountRole } from '@strata/contracts';
import { BadRequestError } from '@strata/kernel';
import type { CliCommand } from './main.ts';
import { metadata, withCommandDeps } from './with-engines.ts';

/** Mastodon allows a handful of aliases per account. */
const MAX_ALIASES = 10;

const isHttpUrl = (text: string) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);

export const accountCommands: Record<string, CliCommand> = {
  modify: modifyAccount,

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
      await withCommandDeps(config, async (deps) => {
        const { accountId } = await registerLocalUser(
          deps,
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
      await withCommandDeps(config, async (deps) => {
        await confirmAccountEmail(deps, { accountId: await accountIdOf(deps.vault, positionals[0]) });
        process.stdout.write(`confirmed ${positionals[0]}\n`);
      });
    },
  },

  approve: {
    summary: 'approve an account that signed up while registrations needed approval',
    positionals: '<username>',
    async run({ positionals }, config) {
      await withCommandDeps(config, async (deps) => {
        await approveAccount(deps, { accountId: await accountIdOf(deps.vault, positionals[0]) }, metadata());
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

  delete: {
    summary: 'delete an account for good: content, relationships, media, credentials; the username stays reserved',
    positionals: '<username>',
    async run({ positionals }, config) {
      await withCommandDeps(config, async (deps) => {
        const accountId = await accountIdOf(deps.vault, positionals[0]);
        process.stdout.write(`deleting ${positionals[0]} (id ${accountId})\n`);
        await deleteAccount(deps, { accountId, by: 'operator' }, metadata(), (step) => process.stdout.write(`  ${step}\n`));
        process.stdout.write(`deleted ${positionals[0]}: the server removes its content from every read model as it projects the event\n`);
      });
    },
  },

  aliases: {
    summary: "set an account's aliases (alsoKnownAs: actor URIs of its other accounts, so they may Move to it); none clears them",
    positionals: '<username> [actor-uri...]',
    async run({ positionals }, config) {
      const aliases = [...new Set(positionals.slice(1))];
      if (aliases.length > MAX_ALIASES || !aliases.every(isHttpUrl)) throw new BadRequestError(`aliases must be at most ${MAX_ALIASES} http(s) actor URIs`);
      await withCommandDeps(config, async (deps) => {
        await setAccountAliases(deps, { accountId: await accountIdOf(deps.vault, positionals[0]), aliases }, metadata());
        process.stdout.write(`${positionals[0]} is also known as: ${aliases.join(' ') || '(nobody)'}\n`);
      });
    },
  },

  role: {
    summary: 'change the role of an account',
    positionals: '<username> <role>',
    async run({ positionals }, config) {
      const role = AccountRole.safeParse(positionals[1]);
      if (!role.success) throw new BadRequestError(`role must be one of ${AccountRole.options.join(', ')}`);
      await withCommandDeps(config, async (deps) => {
        await changeAccountRole(deps, { accountId: await accountIdOf(deps.vault, positionals[0]), role: role.data }, metadata());
        process.stdout.write(`${positionals[0]} is now ${role.data}\n`);
      });
    },
  },
};

async function setSuspension(config: Parameters<CliCommand['run']>[1], username: string | undefined, suspended: boolean) {
  await withCommandDeps(config, async (deps) => {
    const accountId = await accountIdOf(deps.vault, username);
    const { closed } = await setAccountSuspension(deps, { accountId, suspended }, metadata());
    const signedOut = suspended ? ` (revoked ${closed.tokens} token(s), ended ${closed.sessions} session(s))` : '';
    process.stdout.write(`${username} is ${suspended ? 'suspended' : 'no longer suspended'}${signedOut}\n`);
  });
}
