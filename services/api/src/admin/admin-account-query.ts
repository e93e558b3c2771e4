import type { CredentialsDoc } from '@strata/auth';
import type { Filter } from '@strata/read-models';
import { type AccountDoc, accountsCollection, staffRoles } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import type { PageParams } from '../http/pagination.ts';
import { pageQuery } from '../http/pagination.ts';

export type AccountStatusFilter = 'active' | 'pending' | 'disabled' | 'silenced' | 'suspended' | 'sensitized';

/** What the admin account lists filter on, the same for v1 (flags) and v2 (origin/status/permissions). */
export interface AdminAccountFilter {
  origin?: 'local' | 'remote';
  status?: AccountStatusFilter;
  staff?: boolean;
  username?: string;
  displayName?: string;
  byDomain?: string;
  email?: string;
  /** Sign-up address, or a prefix of it. */
  ip?: string;
}

function whereOf(filter: AdminAccountFilter): Filter {
  const where: Filter = {};
  if (filter.origin === 'local') where['domain'] = null;
  if (filter.origin === 'remote') where['domain'] = { $ne: null };
  if (filter.byDomain) where['domain'] = filter.byDomain.toLowerCase();
  if (filter.staff) where['role'] = { $in: [...staffRoles] };
  switch (filter.status) {
    case 'active': where['suspended'] = { $ne: true }; break;
    case 'pending': Object.assign(where, { approved: false, domain: null, suspended: { $ne: true } }); break;
    case 'disabled': where['signInDisabled'] = true; break;
    case 'silenced': where['silenced'] = true; break;
    case 'suspended': where['suspended'] = true; break;
    case 'sensitized': where['sensitized'] = true; break;
  }
  return where;
}

/** Filters the index cannot answer: name prefixes and the e-mail address (kept in the vault). */
function matches(account: AccountDoc, credentials: CredentialsDoc | undefined, filter: AdminAccountFilter): boolean {
  if (filter.username && !account.usernameLower.startsWith(filter.username.toLowerCase())) return false;
  if (filter.displayName && !account.displayName.toLowerCase().includes(filter.displayName.toLowerCase())) return false;
  if (filter.email && !credentials?.emailLower.includes(filter.email.toLowerCase())) return false;
  if (filter.ip && !credentials?.signUpIp?.startsWith(filter.ip)) return false;
  return true;
}

const BATCH = 200;

/** One page of accounts, newest first, with their vault credentials (local accounts only have them). */
export async function findAdminAccounts(deps: ApiDeps, filter: AdminAccountFilter, params: PageParams, maxLimit: number) {
  const page = pageQuery(params, 'id', maxLimit);
  const accounts = accountsCollection(await deps.readModels());
  const vault = await deps.vault();
  const where = { ...whereOf(filter), ...page.where };
  const found: { account: AccountDoc; credentials: CredentialsDoc | null }[] = [];
  // scan in batches until the page is full: the text filters are applied after the index
  for (let offset = 0; found.length < page.limit; offset += BATCH) {
    const batch = await accounts.find({ where, sort: page.sort, limit: BATCH, offset });
    const credentials = new Map((await vault.credentials.getMany(batch.map((a) => a.id))).map((c) => [c.id, c]));
    for (const account of batch) {
      if (found.length < page.limit && matches(account, credentials.get(account.id), filter)) found.push({ account, credentials: credentials.get(account.id) ?? null });
    }
    if (batch.length < BATCH) break;
  }
  return page.order(found, (item) => item.account.id);
}
