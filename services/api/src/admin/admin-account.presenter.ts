import type { CredentialsDoc } from '@strata/auth';
import { accountEmojis, presentAccount } from '@strata/presenters';
import type { AccountDoc } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';

const roleIds = { owner: '3', admin: '2', moderator: '1', user: '-99' } as const;
const roleNames = { owner: 'Owner', admin: 'Admin', moderator: 'Moderator', user: '' } as const;
// Mastodon's permission bits: administrator for owner and admin; reports, users and audit log for moderators
const rolePermissions = { owner: '1', admin: '1', moderator: '1300', user: '0' } as const;

type Emojis = Awaited<ReturnType<typeof accountEmojis>>;

/** One Admin::Account, its custom emojis looked up. */
export async function presentOneAdminAccount(deps: ApiDeps, account: AccountDoc, credentials: CredentialsDoc | null) {
  return presentAdminAccount(deps, account, credentials, await accountEmojis(await deps.readModels(), [account]));
}

/** Mastodon's Admin::Account: the account with what only moderators see (e-mail, state flags); `emojis` from accountEmojis. */
export function presentAdminAccount(deps: ApiDeps, account: AccountDoc, credentials: CredentialsDoc | null, emojis: Emojis) {
  return {
    id: account.id,
    username: account.username,
    domain: account.domain,
    created_at: account.createdAt,
    email: credentials?.email ?? '',
    ip: credentials?.signUpIp ?? null,
    ips: credentials?.signUpIp ? [{ ip: credentials.signUpIp, used_at: account.createdAt }] : [],
    locale: credentials?.locale ?? '',
    invite_request: credentials?.reason ?? null,
    role: { id: roleIds[account.role], name: roleNames[account.role], color: '', permissions: rolePermissions[account.role], highlighted: account.role !== 'user' },
    confirmed: account.domain !== null || Boolean(credentials?.confirmedAt),
    approved: account.approved,
    disabled: Boolean(account.signInDisabled),
    silenced: Boolean(account.silenced),
    suspended: Boolean(account.suspended),
    sensitized: Boolean(account.sensitized),
    account: presentAccount(deps.config, deps.media, account, null, emojis),
    created_by_application_id: null,
    invited_by_account_id: null,
  };
}
