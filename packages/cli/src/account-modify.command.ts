import { randomSecret } from '@strata/auth';
import { approveAccount, changeAccountRole, confirmAccountEmail, setAccountPassword } from '@strata/commands';
import { AccountRole } from '@strata/contracts';
import { BadRequestError } from '@strata/kernel';
import { accountIdOf } from './account-lookup.ts';
import type { CliCommand } from './main.ts';
import { metadata, withCommandDeps } from './with-engines.ts';

/** tootctl's `accounts modify`: several changes to one account, each reported as it is done. */
export const modifyAccount: CliCommand = {
  summary: 'change an account: --role <role>, --confirm, --approve, --disable-2fa, --reset-password',
  positionals: '<username>',
  options: {
    role: { type: 'string' },
    confirm: { type: 'boolean', default: false },
    approve: { type: 'boolean', default: false },
    'disable-2fa': { type: 'boolean', default: false },
    'reset-password': { type: 'boolean', default: false },
  },
  async run({ values, positionals }, config) {
    const role = values['role'] === undefined ? null : AccountRole.safeParse(values['role']);
    if (role && !role.success) throw new BadRequestError(`--role must be one of ${AccountRole.options.join(', ')}`);
    await withCommandDeps(config, async (deps) => {
      const accountId = await accountIdOf(deps.vault, positionals[0]);
      const step = (text: string) => process.stdout.write(`  ${text}\n`);
      process.stdout.write(`modifying ${positionals[0]} (id ${accountId})\n`);
      if (role?.success) {
        await changeAccountRole(deps, { accountId, role: role.data }, metadata());
        step(`role is now ${role.data}`);
      }
      if (values['confirm']) {
        await confirmAccountEmail(deps, { accountId });
        step('e-mail address confirmed');
      }
      if (values['approve']) {
        await approveAccount(deps, { accountId }, metadata());
        step('approved');
      }
      if (values['disable-2fa']) {
        await deps.vault.twoFactor.delete(accountId);
        step('two-factor sign-in turned off');
      }
      if (values['reset-password']) {
        const password = randomSecret(18);
        const closed = await setAccountPassword(deps, { accountId, password });
        step(`password reset (revoked ${closed.tokens} token(s), ended ${closed.sessions} session(s))`);
        process.stdout.write(`new password: ${password}\n`);
      }
    });
  },
};
