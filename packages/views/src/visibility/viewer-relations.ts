import type { ReadModelStore } from '@strata/read-models';
import { blocksCollection, followsCollection, mutesCollection, pairId } from '../relationships/relationships.collection.ts';
import { silencedAccounts, suspendedAccounts } from '../accounts/hidden-accounts.ts';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { userDomainBlocksCollection } from '../moderation/domain-blocks.projection.ts';
import { type StatusAudience, type ViewerRelations, canView } from './visibility-policy.ts';
import { type RelationsReader, currentRelations } from './relations-cache.ts';

/** Who is hidden from everyone (suspended) or out of feeds (silenced): the same for every viewer. */
function hiddenForAll(store: ReadModelStore, remembered: RelationsReader) {
  return remembered.one('hidden', async () => {
    const [suspended, silenced] = await Promise.all([suspendedAccounts(store), silencedAccounts(store)]);
    return { unavailable: new Set(suspended) as ReadonlySet<string>, silenced: new Set(silenced) as ReadonlySet<string> };
  });
}

interface OwnRelations {
  blocked: ReadonlySet<string>;
  /** Mutes keep their expiry, applied at each use. */
  mutes: { targetId: string; until: number }[];
  domainBlocked: ReadonlySet<string>;
}

/** Viewers' own relations, by viewer; the ones not cached under this stamp are loaded together, one query per kind. */
async function ownRelations(store: ReadModelStore, remembered: RelationsReader, viewerIds: readonly string[]): Promise<Map<string, OwnRelations>> {
  const byKey = await remembered.many(viewerIds.map((id) => `viewer:${id}`), async (keys) => {
    const ids = keys.map((key) => key.slice('viewer:'.length));
    const [blocking, blockedBy, mutes, domainBlocked] = await Promise.all([
      blocksCollection(store).find({ where: { accountId: { $in: ids } } }),
      blocksCollection(store).find({ where: { targetId: { $in: ids } } }),
      mutesCollection(store).find({ where: { accountId: { $in: ids } } }),
      accountsOnBlockedDomains(store, ids),
    ]);
    const own = new Map(ids.map((id) => [id, { blocked: new Set<string>(), mutes: [] as OwnRelations['mutes'], domainBlocked: new Set(domainBlocked.get(id)) }]));
    for (const block of blocking) own.get(block.accountId)?.blocked.add(block.targetId);
    for (const block of blockedBy) own.get(block.targetId)?.blocked.add(block.accountId);
    for (const mute of mutes) own.get(mute.accountId)?.mutes.push({ targetId: mute.targetId, until: mute.expiresAt ? Date.parse(mute.expiresAt) : Infinity });
    return new Map([...own].map(([id, relations]) => [`viewer:${id}`, relations as OwnRelations]));
  });
  return new Map(viewerIds.map((id) => [id, byKey.get(`viewer:${id}`)!]));
}

/**
 * Loads what the visibility policy needs to know about one viewer. Blocks, mutes,
 * suspensions and silenced accounts are few and loaded whole, once per change of any
 * relation (see relations-cache.ts); follows are looked up only for the authors of the
 * statuses at hand (`withAuthorsOf`), in one batch.
 */
export async function loadViewer(store: ReadModelStore, viewerId: string | null, now: Date): Promise<ViewerRelations> {
  if (!viewerId) {
    const hidden = await hiddenForAll(store, await currentRelations(store));
    return { viewerId: null, following: new Set(), blocked: new Set(), muted: new Set(), ...hidden, domainBlocked: new Set() };
  }
  return (await loadViewers(store, [viewerId], now)).get(viewerId)!;
}

/**
 * `loadViewer` for many viewers at one moment (a streamed event's recipients): one reading
 * of the relations stamp, and the viewers not cached under it loaded together.
 */
export async function loadViewers(store: ReadModelStore, viewerIds: readonly string[], now: Date): Promise<Map<string, ViewerRelations>> {
  const remembered = await currentRelations(store);
  const [hidden, own] = await Promise.all([hiddenForAll(store, remembered), ownRelations(store, remembered, viewerIds)]);
  return new Map(
    [...own].map(([viewerId, relations]) => {
      const muted = new Set(relations.mutes.filter((mute) => mute.until > now.getTime()).map((mute) => mute.targetId));
      return [viewerId, { viewerId, following: new Set<string>(), blocked: relations.blocked, muted, ...hidden, domainBlocked: relations.domainBlocked }];
    }),
  );
}

/** Ids of the accounts on the servers each of these viewers hid, by viewer. */
async function accountsOnBlockedDomains(store: ReadModelStore, viewerIds: string[]): Promise<Map<string, string[]>> {
  const blocks = await userDomainBlocksCollection(store).find({ where: { accountId: { $in: viewerIds } } });
  if (blocks.length === 0) return new Map();
  const accounts = await accountsCollection(store).find({ where: { domain: { $in: [...new Set(blocks.map((b) => b.domain))] } } });
  const onDomain = new Map<string, string[]>();
  for (const account of accounts) if (account.domain) onDomain.set(account.domain, [...(onDomain.get(account.domain) ?? []), account.id]);
  const hidden = new Map<string, string[]>();
  for (const block of blocks) hidden.set(block.accountId, [...(hidden.get(block.accountId) ?? []), ...(onDomain.get(block.domain) ?? [])]);
  return hidden;
}

const checked = new WeakMap<ViewerRelations, Set<string>>();

/** The same relations, with the follows to the authors of these statuses looked up. */
export async function withAuthorsOf(store: ReadModelStore, viewer: ViewerRelations, statuses: readonly StatusAudience[]): Promise<ViewerRelations> {
  const { viewerId } = viewer;
  if (!viewerId) return viewer;
  const known = checked.get(viewer) ?? new Set<string>();
  const authors = new Set(statuses.map((s) => s.reblogOfAccountId ?? s.accountId));
  const missing = [...authors].filter((id) => id !== viewerId && !known.has(id));
  if (missing.length === 0) return viewer;
  const follows = await followsCollection(store).getMany(missing.map((id) => pairId(viewerId, id)));
  const following = new Set([...viewer.following, ...follows.filter((f) => f.state === 'following').map((f) => f.followedId)]);
  const next = { ...viewer, following };
  checked.set(next, new Set([...known, ...missing]));
  return next;
}

/**
 * `withAuthorsOf` for many viewers of the same statuses: every viewer's follows of
 * their authors in one lookup.
 */
export async function withAuthorsOfMany(store: ReadModelStore, viewers: ReadonlyMap<string, ViewerRelations>, statuses: readonly StatusAudience[]): Promise<Map<string, ViewerRelations>> {
  const authors = [...new Set(statuses.map((s) => s.reblogOfAccountId ?? s.accountId))];
  const pairs = [...viewers.keys()].flatMap((viewerId) => authors.filter((author) => author !== viewerId).map((author) => pairId(viewerId, author)));
  const follows = pairs.length ? await followsCollection(store).getMany(pairs) : [];
  const followed = new Map<string, string[]>();
  for (const follow of follows) if (follow.state === 'following') followed.set(follow.followerId, [...(followed.get(follow.followerId) ?? []), follow.followedId]);
  const result = new Map<string, ViewerRelations>();
  for (const [viewerId, viewer] of viewers) {
    const next = { ...viewer, following: new Set([...viewer.following, ...(followed.get(viewerId) ?? [])]) };
    checked.set(next, new Set([...(checked.get(viewer) ?? []), ...authors]));
    result.set(viewerId, next);
  }
  return result;
}

/** Relations of one viewer for these statuses, in one call. */
export async function viewerFor(store: ReadModelStore, viewerId: string | null, now: Date, statuses: readonly StatusAudience[]): Promise<ViewerRelations> {
  return withAuthorsOf(store, await loadViewer(store, viewerId, now), statuses);
}

/** One status by id: whether this viewer may see it (routes answer 404 when not). */
export async function mayViewStatus(store: ReadModelStore, viewerId: string | null, status: StatusAudience, now = new Date()): Promise<boolean> {
  return canView(await viewerFor(store, viewerId, now, [status]), status);
}
