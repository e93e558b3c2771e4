import { NotFoundError } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, type CustomEmojiDoc, type FilterContextName, type FilterHit, type StatusDoc, type ViewerRelations, accountsCollection, activeFilters, localEmojisIn, previewCardsOf, matchFilters, canView, marksCollection, markId, statusesCollection, viewerFor, withAuthorsOf } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { accountEmojiTexts, presentAccount } from './account.presenter.ts';
import { emojisUsedIn } from './custom-emoji.presenter.ts';
import { type MediaEntity, mediaById, presentAttachments } from './media.presenter.ts';
import { presentFilterResult } from './filter.presenter.ts';
import { type PollEntity, pollsByStatus } from './poll.presenter.ts';
import { loadQuoteContext, quoteApproval } from './quote.presenter.ts';

export interface PresentOptions {
  /** Where the statuses are shown: the viewer's filters for this context apply (hide drops, warn and blur mark). */
  filterContext?: FilterContextName;
  /**
   * Leaves out everything personal (the viewer's flags and filters): the rendering every
   * viewer who may see the status shares, made once per event by the streaming service.
   */
  viewerIndependent?: boolean;
}

type Flags = { favourited: Set<string>; reblogged: Set<string>; bookmarked: Set<string>; muted: Set<string>; pinned: Set<string>; polls?: Map<string, PollEntity> };

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
    // probing the page's ids, not walking every status of the viewer (the planner's pick)
    statusesCollection(store).find({ where: { accountId: viewer, reblogOfId: { $in: ids } }, index: ['reblogOfId'], unordered: true }),
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
  const quoting = await loadQuoteContext(store, [...docs, ...originals.values()]);
  const all = [...docs, ...originals.values(), ...quoting.quoted.values()];
  const relations = await relationsOf(deps, viewer, all);
  const viewerId = relations.viewerId;
  const accounts = new Map((await accountsCollection(store).getMany([...new Set(all.map((d) => d.accountId))])).map((a) => [a.id, a]));
  const personal = options.viewerIndependent ? null : viewerId;
  const flags = await viewerFlags(store, personal, [...new Set(all.map((d) => d.reblogOfId ?? d.id))]);
  flags.polls = await pollsByStatus(store, personal, all.flatMap((d) => (d.reblogOfId ? [] : [d.id])));
  const media = await mediaById(store, all.flatMap((d) => (d.reblogOfId ? [] : (d.mediaIds ?? []))));
  const filters = options.filterContext && personal ? await activeFilters(store, personal, options.filterContext, new Date()) : [];
  const cards = await previewCardsOf(store, all.flatMap((d) => (d.reblogOfId ? [] : [d.id])));
  // Mastodon finds a local post's custom emojis in its text when rendering: one lookup for the page
  const localTexts = all.flatMap((d) => (!d.reblogOfId && accounts.get(d.accountId)?.domain === null ? [d.spoilerText, d.text] : []));
  const emojis = await localEmojisIn(store, [...localTexts, ...[...accounts.values()].flatMap(accountEmojiTexts)]);
  // the quote of a status, as far as the viewer may see the quoted one; a quote inside a quote is only a reference
  const quoteOf = (doc: StatusDoc, nested: boolean) => {
    const quote = quoting.quotes.get(doc.id);
    if (!quote) return null;
    if (nested) return { state: quote.state, quoted_status_id: quote.state === 'accepted' ? quote.quotedStatusId : null };
    const quoted = quote.state === 'accepted' ? quoting.quoted.get(quote.quotedStatusId) : undefined;
    const inner = quoted ? present(quoted, true) : null;
    if (quote.state !== 'accepted' || inner) return { state: quote.state, quoted_status: inner };
    return { state: quote.state === 'accepted' && !quoted ? 'deleted' : 'unauthorized', quoted_status: null };
  };
  const quoteFields = (doc: StatusDoc, nested: boolean) => ({
    quote: quoteOf(doc, nested),
    quote_approval: quoteApproval(quoting.policies.get(doc.id) ?? 'nobody', doc, relations),
    quotes_count: quoting.counts.get(doc.id) ?? 0,
  });
  const present = (doc: StatusDoc, nested = false): ReturnType<typeof statusEntity> | null => {
    const account = accounts.get(doc.accountId);
    if (!account || !canView(relations, doc)) return null;
    if (!doc.reblogOfId) {
      const hits = matchFilters(filters, doc, viewerId);
      if (hits.some((h) => h.filter.action === 'hide')) return null;
      return { ...statusEntity(deps, doc, account, emojis, flags, null, presentAttachments(deps.config, deps.media, doc.mediaIds, media), hits), ...quoteFields(doc, nested), card: cards.get(doc.id) ?? null };
    }
    const original = originals.get(doc.reblogOfId);
    const inner = original ? present(original) : null;
    // a boost is filtered as its original is: hidden with it, marked with it
    const wrapper = { quote: null, quote_approval: { automatic: [], manual: [], current_user: 'denied' }, quotes_count: 0 };
    return inner ? { ...statusEntity(deps, doc, account, emojis, flags, inner, [], original ? matchFilters(filters, original, viewerId) : []), ...wrapper } : null;
  };
  return docs.map((doc) => present(doc)).filter((s): s is NonNullable<typeof s> => s !== null);
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
  emojis: ReadonlyMap<string, CustomEmojiDoc>,
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
    account: presentAccount(deps.config, deps.media, account, null, emojis),
    media_attachments: attachments,
    mentions: reblog ? [] : doc.mentions.map((m) => ({ id: m.id, username: m.username, url: m.url, acct: m.acct })),
    tags: reblog ? [] : doc.tags.map((name) => ({ name, url: `${base}/tags/${encodeURIComponent(name)}` })),
    emojis: reblog
      ? []
      : account.domain === null
        ? emojisUsedIn(deps.media, emojis, [doc.spoilerText, doc.text])
        : (doc.emojis ?? []).map(({ shortcode, url }) => ({ shortcode, url, static_url: url, visible_in_picker: false })),
    card: null,
    poll: reblog ? null : (flags.polls?.get(doc.id) ?? null),
  };
}
