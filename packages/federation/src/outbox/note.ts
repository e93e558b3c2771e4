import type { Context } from '@fedify/fedify';
import { Create, Hashtag, Mention, Note, PUBLIC_COLLECTION, Question } from '@fedify/vocab';
import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, type StatusDoc, accountsCollection, statusesCollection } from '@strata/views';
import { actorUriOf, statusUriOf } from '../actors/actor-uris.ts';
import { instant } from '../temporal.ts';
import type { FederationDeps } from '../deps.ts';
import { emojiTagsOf } from './emoji-tags.ts';
import { attachmentsOf } from './note-attachments.ts';
import { pollOfStatus, questionValuesOf } from './question.ts';

/**
 * Addressing as Mastodon does it: public is to Public and cc followers, unlisted the
 * other way round, followers-only to followers, direct to the mentioned only; the
 * mentioned are always cc'd.
 */
export function audienceOf(ctx: Context<unknown>, author: AccountDoc, status: StatusDoc, mentioned: URL[]) {
  const followers = ctx.getFollowersUri(author.username);
  switch (status.visibility) {
    case 'public':
      return { tos: [PUBLIC_COLLECTION], ccs: [followers, ...mentioned] };
    case 'unlisted':
      return { tos: [followers], ccs: [PUBLIC_COLLECTION, ...mentioned] };
    case 'private':
      return { tos: [followers], ccs: mentioned };
    case 'direct':
      return { tos: mentioned, ccs: [] };
  }
}

/**
 * A local status as a Note (a Question when it has a poll), with its mentions, hashtags
 * and custom emojis as tags and its media as attachments.
 */
export async function noteOf(ctx: Context<FederationDeps>, store: ReadModelStore, author: AccountDoc, status: StatusDoc): Promise<Note | Question> {
  const mentionedAccounts = await accountsCollection(store).getMany(status.mentionIds);
  const mentioned = mentionedAccounts.map((account) => actorUriOf(ctx, account));
  const replyTo = status.inReplyToId ? await statusesCollection(store).get(status.inReplyToId) : null;
  const replyAuthor = replyTo ? await accountsCollection(store).get(replyTo.accountId) : null;
  const poll = await pollOfStatus(store, status.id);
  const values = {
    id: statusUriOf(ctx, author.username, status.id),
    attribution: ctx.getActorUri(author.username),
    ...audienceOf(ctx, author, status, mentioned),
    content: status.contentHtml,
    summary: status.spoilerText || null,
    sensitive: status.sensitive,
    published: instant(status.createdAt),
    updated: status.editedAt ? instant(status.editedAt) : null,
    url: new URL(`/@${author.username}/${status.id}`, ctx.canonicalOrigin),
    attachments: await attachmentsOf(store, ctx.data.media, status),
    replyTarget: replyTo && replyAuthor ? replyTargetOf(ctx, replyAuthor, replyTo) : null,
    tags: [
      ...mentionedAccounts.map((account, index) => new Mention({ href: mentioned[index]!, name: `@${account.username}${account.domain ? `@${account.domain}` : ''}` })),
      ...status.tags.map((tag) => new Hashtag({ href: new URL(`/tags/${encodeURIComponent(tag)}`, ctx.canonicalOrigin), name: `#${tag}` })),
      ...(await emojiTagsOf(ctx, ctx.data, [status.contentHtml, status.spoilerText])),
    ],
  };
  return poll ? new Question({ ...values, ...questionValuesOf(poll) }) : new Note(values);
}

/** The id of the status a reply answers: its own URI when remote, its URL here when local. */
function replyTargetOf(ctx: Context<unknown>, author: AccountDoc, status: StatusDoc): URL | null {
  if (!author.remote) return statusUriOf(ctx, author.username, status.id);
  return status.uri ? new URL(status.uri) : null;
}

/** The Create that announces a new status: same audience as its Note or Question. */
export function createOf(ctx: Context<unknown>, author: AccountDoc, note: Note | Question) {
  return new Create({
    id: new URL(`${note.id!.href}/activity`),
    actor: ctx.getActorUri(author.username),
    tos: note.toIds,
    ccs: note.ccIds,
    published: note.published,
    object: note,
  });
}
