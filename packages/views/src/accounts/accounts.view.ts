import type { RecordedEvent } from '@strata/kernel';
import { type AccountRole, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection } from '../projection/projection.ts';

/** An account as queries need it; `domain` is null for local accounts. */
export interface AccountDoc extends Doc {
  username: string;
  usernameLower: string;
  domain: string | null;
  role: AccountRole;
  approved: boolean;
  createdAt: string;
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: string | null;
  /** Last time the account did something (posted, signed in); drives active-user counts. */
  lastActiveAt: string;
  /** Revision of the account stream last applied, so a redelivered event changes nothing. */
  streamRevision: number;
}

export function accountsCollection(store: ReadModelStore): Collection<AccountDoc> {
  return store.collection<AccountDoc>('accounts', {
    indexes: [['usernameLower', 'domain'], ['domain', 'lastActiveAt']],
    searchFields: ['username'],
  });
}

export const accountsProjection: Projection = {
  name: 'accounts',
  handles: new Set(['AccountRegistered']),
  async apply(recorded: RecordedEvent, store: ReadModelStore) {
    const event = strataEvents.decode(recorded);
    const accounts = accountsCollection(store);
    if (event?.type !== 'AccountRegistered') return;
    const existing = await accounts.get(event.data.accountId);
    if (existing && existing.streamRevision >= recorded.revision) return;
    await accounts.upsert({
      id: event.data.accountId,
      username: event.data.username,
      usernameLower: event.data.username.toLowerCase(),
      domain: null,
      role: event.data.role,
      approved: event.data.approved,
      createdAt: event.data.registeredAt,
      statusesCount: 0,
      followersCount: 0,
      followingCount: 0,
      lastStatusAt: null,
      lastActiveAt: event.data.registeredAt,
      streamRevision: recorded.revision,
    });
  },
};

export async function findLocalAccountByUsername(store: ReadModelStore, username: string): Promise<AccountDoc | null> {
  const [account] = await accountsCollection(store).find({
    where: { usernameLower: username.toLowerCase(), domain: null },
    limit: 1,
  });
  return account ?? null;
}

export async function countLocalAccounts(store: ReadModelStore): Promise<number> {
  return accountsCollection(store).count({ domain: null });
}
