import type { Filter } from '@strata/read-models';
import { presentStatuses, type PresenterDeps } from '@strata/presenters';
import type { Clock } from '@strata/kernel';
import { type AccountDoc, type StatusDoc, dailyUses, findAccountByAcct, isShown, marksCollection, statusesCollection, taggedStatusIds, topTrends } from '@strata/views';

/*
 * What the public pages read, always as the anonymous viewer: every status shown is an
 * entity made by `presentStatuses(deps, null, …)`, so the one visibility policy decides
 * (docs/adr/0006-one-visibility-policy.md) and a private post can never reach a page.
 */

export type StatusEntity = Awaited<ReturnType<typeof presentStatuses>>[number];

const USERNAME = /^[a-z0-9_]{1,30}$/i;
const STATUS_ID = /^\d{1,20}$/;

/** The local account behind `@username`, if it may be shown (not suspended, approved). */
export async function publicAccount(deps: PresenterDeps, username: string): Promise<AccountDoc | null> {
  if (!USERNAME.test(username)) return null;
  const account = await findAccountByAcct(await deps.readModels(), username, deps.config.domain);
  return isShown(account) && account.domain === null ? account : null;
}

export interface StatusPage {
  statuses: StatusEntity[];
  /** Cursor for the next, older page; null at the end. */
  olderThan: string | null;
}

/** Newest first, `limit` statuses matching a filter that an anonymous reader may see. */
export async function publicStatuses(deps: PresenterDeps, where: Filter, maxId: string | null, limit = 20): Promise<StatusPage> {
  const statuses = statusesCollection(await deps.readModels());
  return shownPage(deps, maxId, limit, async (below, count) => {
    const docs = await statuses.find({ where: { ...where, ...(below && { id: { $lt: below } }) }, sort: { field: 'id', direction: 'desc' }, limit: count });
    return { docs, ids: docs.map((doc) => doc.id) };
  });
}

/** The same for the public statuses with a hashtag: ids from the status–tag read model, then the statuses. */
export async function publicTaggedStatuses(deps: PresenterDeps, tag: string, maxId: string | null, limit = 20): Promise<StatusPage> {
  const store = await deps.readModels();
  return shownPage(deps, maxId, limit, async (below, count) => {
    const ids = await taggedStatusIds(store, { tags: [tag] }, below ? { $lt: below } : {}, 'desc', count);
    return { docs: await statusesCollection(store).getMany(ids), ids };
  });
}

type OlderThan = (below: string | null, count: number) => Promise<{ docs: StatusDoc[]; ids: string[] }>;

/** Reads a little more than `limit` when some statuses are hidden from an anonymous reader. */
async function shownPage(deps: PresenterDeps, maxId: string | null, limit: number, read: OlderThan): Promise<StatusPage> {
  const shown: StatusEntity[] = [];
  let cursor = maxId && STATUS_ID.test(maxId) ? maxId : null;
  let more = true;
  for (let round = 0; round < 4 && shown.length < limit && more; round++) {
    const batch = await read(cursor, limit * 2);
    more = batch.ids.length === limit * 2;
    if (batch.ids.length) cursor = batch.ids.at(-1)!;
    for (const entity of await presentStatuses(deps, null, batch.docs)) if (shown.length < limit) shown.push(entity);
  }
  const full = shown.length === limit;
  return { statuses: shown, olderThan: (full || more) && shown.length ? String(shown.at(-1)!["id"]) : null };
}

/** The account's pinned statuses an anonymous reader may see. */
export async function publicPins(deps: PresenterDeps, accountId: string): Promise<StatusEntity[]> {
  const store = await deps.readModels();
  const pins = await marksCollection(store, 'pin').find({ where: { accountId }, sort: { field: 'markId', direction: 'desc' }, limit: 5 });
  return presentStatuses(deps, null, await statusesCollection(store).getMany(pins.map((p) => p.statusId)));
}

export interface PublicThread {
  status: StatusEntity;
  ancestors: StatusEntity[];
  descendants: StatusEntity[];
}

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 60;

/** A status of this account with the visible part of its thread; null when an anonymous reader may not see it. */
export async function publicThread(deps: PresenterDeps, account: AccountDoc, id: string): Promise<PublicThread | null> {
  if (!STATUS_ID.test(id)) return null;
  const statuses = statusesCollection(await deps.readModels());
  const doc = await statuses.get(id);
  if (!doc || doc.accountId !== account.id || doc.reblogOfId) return null;
  const [status] = await presentStatuses(deps, null, [doc]);
  if (!status) return null;

  const ancestorDocs: StatusDoc[] = [];
  for (let parentId = doc.inReplyToId; parentId && ancestorDocs.length < MAX_ANCESTORS; ) {
    const parent = await statuses.get(parentId);
    if (!parent) break;
    ancestorDocs.unshift(parent);
    parentId = parent.inReplyToId;
  }
  const descendants: StatusEntity[] = [];
  const queue = [doc.id];
  while (queue.length && descendants.length < MAX_DESCENDANTS) {
    const replies = await statuses.find({ where: { inReplyToId: queue.shift()! }, sort: { field: 'id', direction: 'asc' } });
    // a reply hidden from anonymous readers hides its own replies too, as the API's context does
    for (const reply of await presentStatuses(deps, null, replies)) {
      descendants.push(reply);
      queue.push(String(reply["id"]));
    }
  }
  return { status, ancestors: await presentStatuses(deps, null, ancestorDocs), descendants: descendants.slice(0, MAX_DESCENDANTS) };
}

export interface PublicTrends {
  tags: { name: string; accounts: number }[];
  links: { url: string; accounts: number }[];
  statuses: StatusEntity[];
}

/** People using a trend over the last two days (today and yesterday), as the API's history counts them. */
const recentAccounts = async (store: Awaited<ReturnType<PresenterDeps['readModels']>>, id: string, now: Date) =>
  (await dailyUses(store, id, now)).slice(0, 2).reduce((sum, day) => sum + day.accounts, 0);

/**
 * What trends for `/explore`: the same reviewed items the trends API gives an anonymous
 * caller (moderators approve them first unless the instance shows unreviewed ones), and
 * the statuses among them that the visibility policy lets an anonymous reader see.
 */
export async function publicTrends(deps: PresenterDeps & { clock: Clock }): Promise<PublicTrends> {
  const store = await deps.readModels();
  const now = deps.clock.now();
  const reviews = deps.config.trends.showUnreviewed ? (['approved', 'pending'] as const) : (['approved'] as const);
  const [tags, links, statuses] = await Promise.all((['tag', 'link', 'status'] as const).map((kind) => topTrends(store, kind, now, [...reviews], kind === 'status' ? 20 : 10, 0)));
  const docs = await statusesCollection(store).getMany(statuses!.map((t) => t.doc.key));
  const byId = new Map(docs.map((d) => [d.id, d]));
  return {
    tags: await Promise.all(tags!.map(async (t) => ({ name: t.doc.key, accounts: await recentAccounts(store, t.doc.id, now) }))),
    links: await Promise.all(links!.map(async (t) => ({ url: t.doc.key, accounts: await recentAccounts(store, t.doc.id, now) }))),
    statuses: await presentStatuses(deps, null, statuses!.flatMap((t) => (byId.has(t.doc.key) ? [byId.get(t.doc.key)!] : []))),
  };
}
