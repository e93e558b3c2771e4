import type { Collection, Doc, Filter, ReadModelStore } from '@strata/read-models';
import { type AccountDoc, accountsCollection } from './accounts.view.ts';
import { accountsOnBlockedDomains, suspendedDomains } from '../moderation/instance-domain-policy.ts';

/*
 * One notion of "hidden from everyone", used by every read path that shows accounts or
 * counts what they did: suspended accounts (few; their data stays, for unsuspension) and
 * accounts not approved yet. Deleted accounts leave no document at all, so they are
 * hidden by construction.
 */

/** Ids of the suspended accounts, and of the accounts on servers the instance suspended. */
export async function suspendedAccounts(store: ReadModelStore): Promise<string[]> {
  const [suspended, onSuspendedServers] = await Promise.all([accountsCollection(store).find({ where: { suspended: true } }), accountsOnBlockedDomains(store, 'suspend')]);
  return [...suspended.map((a) => a.id), ...onSuspendedServers];
}

/** Ids of the accounts a moderator silenced, or whose server the instance silenced (kept out of feeds for non-followers). */
export async function silencedAccounts(store: ReadModelStore): Promise<string[]> {
  const [silenced, onSilencedServers] = await Promise.all([accountsCollection(store).find({ where: { silenced: true } }), accountsOnBlockedDomains(store, 'silence')]);
  return [...silenced.map((a) => a.id), ...onSilencedServers];
}

/** Whether an account may be shown to others. */
export function isShown(account: AccountDoc | null | undefined): account is AccountDoc {
  return Boolean(account && account.approved && !account.suspended);
}

/** The account with this id if it may be shown, else null (malformed ids included). */
export async function shownAccount(store: ReadModelStore, id: unknown): Promise<AccountDoc | null> {
  if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) return null;
  const account = await accountsCollection(store).get(id);
  return isShown(account) && (await notOnSuspendedServers(store, [account])).length === 1 ? account : null;
}

/** The accounts among `ids` that may be shown, in the order asked. */
export async function shownAccounts(store: ReadModelStore, ids: string[]): Promise<AccountDoc[]> {
  return notOnSuspendedServers(store, (await accountsCollection(store).getMany(ids)).filter(isShown));
}

/** The accounts not on a server the instance suspended (remote ones looked up only when there are any). */
async function notOnSuspendedServers(store: ReadModelStore, accounts: AccountDoc[]): Promise<AccountDoc[]> {
  if (!accounts.some((account) => account.domain)) return accounts;
  const suspended = new Set(await suspendedDomains(store));
  return accounts.filter((account) => !account.domain || !suspended.has(account.domain));
}

/** A filter condition that leaves out rows whose `field` names a suspended account. */
export async function excludingSuspended(store: ReadModelStore, field = 'accountId'): Promise<Filter> {
  const suspended = await suspendedAccounts(store);
  return suspended.length ? { [field]: { $nin: suspended } } : {};
}

/** Filter for account search and lists: only accounts that may be shown. */
export const shownAccountFilter: Filter = { approved: true, suspended: { $ne: true } };

/** What is left of a deleted account in the read models: its id and when, nothing personal. */
export interface ErasedAccountDoc extends Doc {
  deletedAt: string;
}

export function erasedAccountsCollection(store: ReadModelStore): Collection<ErasedAccountDoc> {
  return store.collection<ErasedAccountDoc>('erased_accounts');
}

/**
 * Whether any of these accounts was deleted. The log may deliver an event of another
 * stream (a follow, a post) after the deletion of its account: projections drop those,
 * so nothing the deletion purged comes back.
 */
export async function anyErased(store: ReadModelStore, accountIds: string[]): Promise<boolean> {
  return (await erasedAccountsCollection(store).getMany(accountIds)).length > 0;
}
