import type { Context } from '@fedify/fedify';
import { Hashtag, Mention, Note, type Object as APObject } from '@fedify/vocab';
import type { NewRemoteStatus } from '@strata/commands';
import { htmlToPlainText } from '@strata/text';
import { type StatusDoc, statusesCollection } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { visibilityFromAddressing } from './addressing.ts';
import { remoteAttachmentsOf, remoteEmojisOf } from './remote-attachments.ts';
import { domainPolicyFor } from '@strata/views';
import { type NoteLike, htmlUrlOf, remoteContentOf } from './remote-content.ts';
import type { Sender } from './status.listener.ts';

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

/** The status fields of a remote note: local mentions, hashtags, custom emojis, attachments, the local status it replies to. */
export async function remoteStatusOf(ctx: Context<FederationDeps>, author: Sender, note: NoteLike): Promise<Omit<NewRemoteStatus, 'publishedAt'>> {
  const mentioned = new Set<string>();
  const tags = new Set<string>();
  for await (const tag of note.getTags({ ...(await instanceLoaders(ctx)), suppressError: true })) {
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
  const [{ html, summary }, attachments, emojis, policy] = await Promise.all([
    remoteContentOf(note),
    remoteAttachmentsOf(ctx, note),
    remoteEmojisOf(ctx, note),
    domainPolicyFor(await ctx.data.readModels(), note.id!.host, ctx.data.config.federation.limited),
  ]);
  // an admin's reject_media: the server's files (attachments, custom emojis) are not shown here
  const media = policy.rejectMedia ? { attachments: [], emojis: [] } : { attachments, emojis };
  return {
    uri: note.id!.href,
    url: htmlUrlOf(note),
    accountId: author.id,
    visibility: visibilityFromAddressing(note.toIds, note.ccIds, author.followers),
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
      emojis: media.emojis,
    },
    attachments: media.attachments,
  };
}
