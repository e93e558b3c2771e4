import type { ReadModelStore } from '@strata/read-models';
import { blocksCollection, followsCollection, mutesCollection, pairId } from '../relationships/relationships.collection.ts';
import { silencedAccounts, suspendedAccounts } from '../accounts/hidden-accounts.ts';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { userDomainBlocksCollection } from '../moderation/domain-blocks.projection.ts';
import { type StatusAudience, type ViewerRelations, canView } from './visibility-policy.ts';
import { type RelationsReader, currentRelations } from './relations-cache.ts';

/** Who is hidden from everyone (suspended) or out of feeds (silenced): the same for every viewer. */
function hiddenForAll(store: ReadModelStore, remembered: RelationsReader) {
  return remembered('hidden', async () => {
    const [suspended, silenced] = await Promise.all([suspendedAccounts(store), silencedAccounts(store)]);
    return { unavailable: new Set(suspended) as ReadonlySet<string>, silenced: new Set(silenced) as ReadonlySet<string> };
  });
}

/** One viewer's own relations; mutes keep their expiry, applied at each use. */
function ownRelations(store: ReadModelStore, remembered: RelationsReader, viewerId: string) {
  return remembered(`viewer:${viewerId}`, async () => {
    const [blocking, blockedBy, mutes, domainBlocked] = await Promise.all([
      blocksCollection(store).find({ where: { accountId: viewerId } }),
      blocksCollection(store).find({ where: { targetId: viewerId } }),
      mutesCollection(store).find({ where: { accountId: viewerId } }),
      accountsOnBlockedDomains(store, viewerId),
    ]);
    return {
      blocked: new Set([...blocking.map((b) => b.targetId), ...blockedBy.map((b) => b.accountId)]) as ReadonlySet<string>,
      mutes: mutes.map((m) => ({ targetId: m.targetId, until: m.expiresAt ? Date.parse(m.expiresAt) : Infinity })),
      domainBlocked: new Set(domainBlocked) as ReadonlySet<string>,
    };
  });
}

/**
 * Loads what the visibility policy needs to know about one viewer. Blocks, mutes,
 * suspensions and silenced accounts are few and loaded whole, once per change of any
 * relation (see relations-cache.ts); follows are looked up only for the authors of the
 * statuses at hand (`withAuthorsOf`), in one batch.
 */
export async function loadViewer(store: ReadModelStore, viewerId: string | null, now: Date): Promise<ViewerRelations> {
  const remembered = await currentRelations(store);
  return relationsOf(store, remembered, await hiddenForAll(store, remembered), viewerId, now);
}

/** `loadViewer` for many viewers at one moment (a streamed event's recipients), under one reading of the relations stamp. */
export async function loadViewers(store: ReadModelStore, viewerIds: readonly string[], now: Date): Promise<Map<string, ViewerRelations>> {
  const remembered = await currentRelations(store);
  const hidden = await hiddenForAll(store, remembered);
  const loaded = await Promise.all(viewerIds.map(async (id) => [id, await relationsOf(store, remembered, hidden, id, now)] as const));
  return new Map(loaded);
}

async function relationsOf(store: ReadModelStore, remembered: RelationsReader, hidden: Awaited<ReturnType<typeof hiddenForAll>>, viewerId: string | null, now: Date): Promise<ViewerRelations> {
  if (!viewerId) return { viewerId: null, following: new Set(), blocked: new Set(), muted: new Set(), ...hidden, domainBlocked: new Set() };
  const own = await ownRelations(store, remembered, viewerId);
  const muted = new Set(own.mutes.filter((mute) => mute.until > now.getTime()).map((mute) => mute.targetId));
  return { viewerId, following: new Set(), blocked: own.blocked, muted, ...hidden, domainBlocked: own.domainBlocked };
}

/** Ids of the accounts on the servers this viewer hid. */
async function accountsOnBlockedDomains(store: ReadModelStore, viewerId: string): Promise<string[]> {
  const domains = (await userDomainBlocksCollection(store).find({ where: { accountId: viewerId } })).map((b) => b.domain);
  if (domains.length === 0) return [];
  return (await accountsCollection(store).find({ where: { domain: { $in: domains } } })).map((a) => a.id);
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
