import { NotFoundError } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, type FilterContextName, type FilterHit, type StatusDoc, type ViewerRelations, accountsCollection, activeFilters, previewCardsOf, matchFilters, canView, marksCollection, markId, statusesCollection, viewerFor, withAuthorsOf } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { presentAccount } from './account.presenter.ts';
import { type MediaEntity, mediaById, presentAttachments } from './media.presenter.ts';
import { presentFilterResult } from './filter.presenter.ts';

export interface PresentOptions {
  /** Where the statuses are shown: the viewer's filters for this context apply (hide drops, warn and blur mark). */
  filterContext?: FilterContextName;
}

type Flags = { favourited: Set<string>; reblogged: Set<string>; bookmarked: Set<string>; muted: Set<string>; pinned: Set<string> };

/** What the viewer did with these statuses: looked up in one batch per kind. */
async function viewerFlags(store: ReadModelStore, viewer: string | null, ids: string[]): Promise<Flags> {
  const empty = { favourited: new Set<string>(), reblogged: new Set<string>(), bookmarked: new Set<string>(), muted: new Set<string>(), pinned: new Set<string>() };
  if (!viewer || ids.length === 0) return empty;
  const marked = async (kind: 'favourite' | 'bookmark' | 'pin' | 'mute') =>
    new Set((await marksCollection(store, kind).getMany(ids.map((id) => markId(viewer, id)))).map((m) => m.statusId));
  const [favourited, bookmarked, pinned, muted, boosts] = await Promise.all([
    marked('favourite'),
    marked('bookmark'),
    marked('pin'),
    marked('mute'),
    statusesCollection(store).find({ where: { accountId: viewer, reblogOfId: { $in: ids } } }),
  ]);
  return { favourited, bookmarked, pinned, muted, reblogged: new Set(boosts.map((b) => b.reblogOfId!)) };
}

/**
 * Mastodon's Status entities, for one viewer (their own flags on each), boosts wrapping
 * their originals. Every status entity is made here, so this is where the visibility
 * policy is enforced for every read path: what the viewer may not see is left out.
 * `viewer` is an account id (null: anonymous) or relations a caller already loaded.
 * The viewer's filters are a layer on top: they only ever hide or mark what the policy lets through.
 */
export async function presentStatuses(deps: PresenterDeps, viewer: string | null | ViewerRelations, docs: StatusDoc[], options: PresentOptions = {}) {
  const store = await deps.readModels();
  const originals = new Map<string, StatusDoc>();
  const boostedIds = docs.flatMap((d) => (d.reblogOfId ? [d.reblogOfId] : []));
  for (const original of await statusesCollection(store).getMany(boostedIds)) originals.set(original.id, original);
  const all = [...docs, ...originals.values()];
  const relations = await relationsOf(deps, viewer, all);
  const viewerId = relations.viewerId;
  const accounts = new Map((await accountsCollection(store).getMany([...new Set(all.map((d) => d.accountId))])).map((a) => [a.id, a]));
  const flags = await viewerFlags(store, viewerId, [...new Set(all.map((d) => d.reblogOfId ?? d.id))]);
  const media = await mediaById(store, all.flatMap((d) => (d.reblogOfId ? [] : (d.mediaIds ?? []))));
  const filters = options.filterContext ? await activeFilters(store, viewerId, options.filterContext, new Date()) : [];
  const cards = await previewCardsOf(store, all.flatMap((d) => (d.reblogOfId ? [] : [d.id])));
  const present = (doc: StatusDoc): ReturnType<typeof statusEntity> | null => {
    const account = accounts.get(doc.accountId);
    if (!account || !canView(relations, doc)) return null;
    if (!doc.reblogOfId) {
      const hits = matchFilters(filters, doc, viewerId);
      if (hits.some((h) => h.filter.action === 'hide')) return null;
      return { ...statusEntity(deps, doc, account, flags, null, presentAttachments(deps.config, deps.media, doc.mediaIds, media), hits), card: cards.get(doc.id) ?? null };
    }
    const original = originals.get(doc.reblogOfId);
    const inner = original ? present(original) : null;
    // a boost is filtered as its original is: hidden with it, marked with it
    return inner ? statusEntity(deps, doc, account, flags, inner, [], original ? matchFilters(filters, original, viewerId) : []) : null;
  };
  return docs.map(present).filter((s): s is NonNullable<typeof s> => s !== null);
}

async function relationsOf(deps: PresenterDeps, viewer: string | null | ViewerRelations, docs: StatusDoc[]): Promise<ViewerRelations> {
  const store = await deps.readModels();
  if (viewer !== null && typeof viewer === 'object') return withAuthorsOf(store, viewer, docs);
  return viewerFor(store, viewer, new Date(), docs);
}

/** One status the caller has checked the viewer may see (else: NotFound upstream). */
export async function presentStatus(deps: PresenterDeps, viewer: string | null | ViewerRelations, doc: StatusDoc, options: PresentOptions = {}) {
  const [status] = await presentStatuses(deps, viewer, [doc], options);
  if (!status) throw new NotFoundError();
  return status;
}

function statusEntity(
  deps: PresenterDeps,
  doc: StatusDoc,
  account: AccountDoc,
  flags: Flags,
  reblog: object | null,
  attachments: MediaEntity[],
  hits: FilterHit[] = [],
): Record<string, unknown> {
  const base = deps.config.publicUrl;
  const target = doc.reblogOfId ?? doc.id;
  return {
    id: doc.id,
    created_at: doc.createdAt,
    in_reply_to_id: doc.inReplyToId,
    in_reply_to_account_id: doc.inReplyToAccountId,
    // a moderator's `sensitive` action puts every status of the account behind a warning
    sensitive: reblog ? false : doc.sensitive || Boolean(account.sensitized),
    spoiler_text: reblog ? '' : doc.spoilerText,
    visibility: doc.visibility,
    language: reblog ? null : doc.language,
    uri: reblog ? `${base}/users/${account.username}/statuses/${doc.id}/activity` : (doc.uri ?? `${base}/users/${account.username}/statuses/${doc.id}`),
    url: reblog ? null : doc.uri ? (doc.url ?? doc.uri) : `${base}/@${account.username}/${doc.id}`,
    replies_count: doc.repliesCount,
    reblogs_count: doc.reblogsCount,
    favourites_count: doc.favouritesCount,
    edited_at: reblog ? null : doc.editedAt,
    favourited: flags.favourited.has(target),
    reblogged: flags.reblogged.has(target),
    muted: flags.muted.has(target),
    bookmarked: flags.bookmarked.has(target),
    pinned: flags.pinned.has(doc.id),
    content: reblog ? '' : doc.contentHtml,
    filtered: hits.map(presentFilterResult),
    reblog,
    application: null,
    account: presentAccount(deps.config, deps.media, account),
    media_attachments: attachments,
    mentions: reblog ? [] : doc.mentions.map((m) => ({ id: m.id, username: m.username, url: m.url, acct: m.acct })),
    tags: reblog ? [] : doc.tags.map((name) => ({ name, url: `${base}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}
