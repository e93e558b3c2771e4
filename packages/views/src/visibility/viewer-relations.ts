import type { ReadModelStore } from '@strata/read-models';
import { blocksCollection, followsCollection, mutesCollection, pairId } from '../relationships/relationships.collection.ts';
import { silencedAccounts, suspendedAccounts } from '../accounts/hidden-accounts.ts';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { userDomainBlocksCollection } from '../moderation/domain-blocks.projection.ts';
import { type StatusAudience, type ViewerRelations, canView } from './visibility-policy.ts';
import { rememberedRelation } from './relations-cache.ts';

/** Who is hidden from everyone (suspended) or out of feeds (silenced): the same for every viewer. */
function hiddenForAll(store: ReadModelStore) {
  return rememberedRelation(store, 'hidden', async () => {
    const [suspended, silenced] = await Promise.all([suspendedAccounts(store), silencedAccounts(store)]);
    return { unavailable: new Set(suspended) as ReadonlySet<string>, silenced: new Set(silenced) as ReadonlySet<string> };
  });
}

/** One viewer's own relations; mutes keep their expiry, applied at each use. */
function ownRelations(store: ReadModelStore, viewerId: string) {
  return rememberedRelation(store, `viewer:${viewerId}`, async () => {
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
  const hidden = await hiddenForAll(store);
  if (!viewerId) return { viewerId: null, following: new Set(), blocked: new Set(), muted: new Set(), ...hidden, domainBlocked: new Set() };
  const own = await ownRelations(store, viewerId);
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

/** Relations of one viewer for these statuses, in one call. */
export async function viewerFor(store: ReadModelStore, viewerId: string | null, now: Date, statuses: readonly StatusAudience[]): Promise<ViewerRelations> {
  return withAuthorsOf(store, await loadViewer(store, viewerId, now), statuses);
}

/** One status by id: whether this viewer may see it (routes answer 404 when not). */
export async function mayViewStatus(store: ReadModelStore, viewerId: string | null, status: StatusAudience, now = new Date()): Promise<boolean> {
  return canView(await viewerFor(store, viewerId, now, [status]), status);
}
