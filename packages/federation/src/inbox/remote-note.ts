import type { Context } from '@fedify/fedify';
import { Article, Hashtag, Mention, Note, type Object as APObject, PUBLIC_COLLECTION, Page, Question } from '@fedify/vocab';
import type { NewRemoteStatus } from '@strata/commands';
import type { Visibility } from '@strata/contracts';
import { htmlToPlainText } from '@strata/text';
import { type StatusDoc, statusesCollection } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import type { FederationDeps } from '../deps.ts';
import { sanitizeRemoteHtml } from './sanitize.ts';
import type { Sender } from './status.listener.ts';

/** What Mastodon shows as a status: notes, and articles, pages and questions as note-like text. */
export type NoteLike = Note | Article | Page | Question;
export const isNoteLike = (object: unknown): object is NoteLike =>
  object instanceof Note || object instanceof Article || object instanceof Page || object instanceof Question;

/** An object may only be about its actor when it lives on the actor's server and names the actor as its author. */
export function isOwnedBy(object: APObject, actorUri: URL): boolean {
  if (!object.id || object.id.origin !== actorUri.origin) return false;
  const authors = object.attributionIds;
  return authors.length === 0 || authors.some((author) => author.href === actorUri.href);
}

/** A status of ours, named by its ActivityPub id (local) or the URI it came with (remote). */
export async function statusByUri(ctx: Context<FederationDeps>, uri: URL): Promise<StatusDoc | null> {
  const store = await ctx.data.readModels();
  const parsed = ctx.parseUri(uri);
  if (parsed?.type === 'object' && parsed.class === Note) {
    const account = await servedAccount(ctx.data, parsed.values['identifier']!);
    const status = await statusesCollection(store).get(parsed.values['id']!);
    return status && account && status.accountId === account.id && !status.reblogOfId ? status : null;
  }
  const [status] = await statusesCollection(store).find({ where: { uri: uri.href }, limit: 1 });
  return status ?? null;
}

/** Visibility from the addressing, as Mastodon reads it. */
function visibilityOf(note: NoteLike, followers: string | null): Visibility {
  const to = note.toIds.map((id) => id.href);
  const cc = note.ccIds.map((id) => id.href);
  if (to.includes(PUBLIC_COLLECTION.href)) return 'public';
  if (cc.includes(PUBLIC_COLLECTION.href)) return 'unlisted';
  if (followers && [...to, ...cc].includes(followers)) return 'private';
  return 'direct';
}

/** The status fields of a remote note: local mentions, hashtags, the local status it replies to. */
export async function remoteStatusOf(ctx: Context<FederationDeps>, author: Sender, note: NoteLike): Promise<Omit<NewRemoteStatus, 'publishedAt'>> {
  const mentioned = new Set<string>();
  const tags = new Set<string>();
  for await (const tag of note.getTags({ documentLoader: ctx.documentLoader, suppressError: true })) {
    if (tag instanceof Mention && tag.href) {
      const parsed = ctx.parseUri(tag.href);
      const account = parsed?.type === 'actor' ? await servedAccount(ctx.data, parsed.identifier) : null;
      if (account) mentioned.add(account.id);
    } else if (tag instanceof Hashtag && tag.name) {
      const name = tag.name.toString().replace(/^#/, '').toLowerCase();
      if (/^[\p{L}\p{N}_]{1,100}$/u.test(name)) tags.add(name);
    }
  }
  const repliedTo = note.replyTargetId ? await statusByUri(ctx, note.replyTargetId) : null;
  // an article's or a question's title leads its text, as Mastodon shows them
  const title = note instanceof Note ? '' : (note.name?.toString() ?? '');
  const html = sanitizeRemoteHtml(`${title ? `<p><strong>${escapeHtml(title)}</strong></p>` : ''}${note.content?.toString() ?? ''}`);
  const summary = note.summary?.toString() ?? '';
  const url = note.url instanceof URL ? note.url.href : (note.url?.href?.href ?? null);
  return {
    uri: note.id!.href,
    url: url && new URL(url).origin === note.id!.origin ? url : null,
    accountId: author.id,
    visibility: visibilityOf(note, author.followers),
    inReplyToId: repliedTo?.id ?? null,
    inReplyToAccountId: repliedTo?.accountId ?? null,
    sensitive: note.sensitive ?? summary !== '',
    language: note.contents.find((c) => typeof c !== 'string')?.locale?.language ?? null,
    mentionedAccountIds: [...mentioned],
    content: {
      text: htmlToPlainText(html),
      spoilerText: htmlToPlainText(summary).slice(0, 1000),
      tags: [...tags],
      html,
    },
  };
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
