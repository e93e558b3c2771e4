import type { InboxContext } from '@fedify/fedify';
import { type Activity, type Create, type Delete, Question, type Update, isActor } from '@fedify/vocab';
import { commandDeps, commandMetadata, deleteRemoteAccount, deleteStatus, editStatus, recordRemoteMedia } from '@strata/commands';
import { accountsCollection, findRemoteAccountByUri, mediaCollection, pollsCollection } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { fetchedRecently, recordedRemoteAccount, remoteAccountFor } from './remote-actor.ts';
import { recordRemoteNote } from './record-note.ts';
import { recordedRemoteVote } from './poll-vote.ts';
import { isNoteLike } from './remote-content.ts';
import { isOwnedBy, remoteStatusOf, statusByUri } from './remote-note.ts';
import { recordTally, remotePollOf, samePoll, withRemotePoll } from './remote-poll.ts';

export interface Sender {
  id: string;
  /** The actor's followers collection: a note addressed to it is followers-only. */
  followers: string | null;
  suspended: boolean;
}

/**
 * The remote account that sent an activity, recorded or refreshed from its actor document.
 * On first contact its read model may not be projected yet: what is needed comes from the document.
 */
export async function senderOf(ctx: InboxContext<FederationDeps>, activity: Activity): Promise<Sender | null> {
  if (!activity.actorId) return null;
  // a known account fetched recently is taken as it is: its signature was just verified
  // with its key, and refetching its actor for every activity costs a signed round trip
  const known = await findRemoteAccountByUri(await ctx.data.readModels(), activity.actorId.href);
  if (fetchedRecently(known, ctx.data.clock.now())) {
    return { id: known.id, followers: known.remote.followers ?? null, suspended: known.suspended ?? false };
  }
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const actor = await activity.getActor({ documentLoader, contextLoader: ctx.contextLoader, suppressError: true });
  if (!isActor(actor) || actor.id?.href !== activity.actorId.href) return null;
  const id = await remoteAccountFor(ctx, ctx.data, actor);
  if (!id) return null;
  const recorded = await accountsCollection(await ctx.data.readModels()).get(id);
  return { id, followers: actor.followersId?.href ?? null, suspended: recorded?.suspended ?? false };
}

async function objectOf(ctx: InboxContext<FederationDeps>, activity: Create | Update) {
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  return activity.getObject({ documentLoader, contextLoader: ctx.contextLoader, suppressError: true });
}

/** Create of a note (or an article, page, question): a status of the remote account. */
export async function onCreate(ctx: InboxContext<FederationDeps>, create: Create) {
  const object = await objectOf(ctx, create);
  if (!isNoteLike(object) || !create.actorId || !isOwnedBy(object, create.actorId)) return;
  const author = await senderOf(ctx, create);
  if (!author || author.suspended) return;
  if (await recordedRemoteVote(ctx, author, object)) return;
  await recordRemoteNote(ctx, author, object);
}

/** Update of a note: an edit of the remote status, kept in its history; Update of an actor: its new profile. */
export async function onUpdate(ctx: InboxContext<FederationDeps>, update: Update) {
  const object = await objectOf(ctx, update);
  // Update of the actor itself: its profile as it now is (signed by that actor, so its own word)
  if (isActor(object)) {
    if (object.id?.href === update.actorId?.href) await recordedRemoteAccount(ctx, ctx.data, object, { refresh: true });
    return;
  }
  if (!isNoteLike(object) || !update.actorId || !isOwnedBy(object, update.actorId)) return;
  const author = await findRemoteAccountByUri(await ctx.data.readModels(), update.actorId.href);
  const existing = author ? await statusByUri(ctx, object.id!) : null;
  if (!author || !existing || existing.accountId !== author.id) return;
  const sender = { id: author.id, followers: author.remote?.followers ?? null, suspended: author.suspended ?? false };
  const { sensitive, language, mentionedAccountIds, content, attachments = [] } = await remoteStatusOf(ctx, sender, object);
  const deps = await commandDeps(ctx.data);
  const poll = object instanceof Question ? await remotePollOf(ctx, object, ctx.data.clock.now()) : null;
  const [before] = await pollsCollection(await ctx.data.readModels()).find({ where: { statusId: existing.id }, limit: 1 });
  const kept = poll && before && samePoll(before, poll) ? before.id : null;
  // Mastodon sends a poll's new counts as an Update of the Question: only the counts change, it is no edit
  if (kept && poll && content.html === existing.contentHtml && content.spoilerText === existing.spoilerText) {
    await recordTally(deps, existing.id, author.id, kept, poll);
    return;
  }
  const pollId = poll ? (kept ?? deps.ids.next(ctx.data.clock.now().getTime())) : null;
  // attachments it already had are kept by their URL; new ones are recorded
  const had = new Map((await mediaCollection(await ctx.data.readModels()).getMany(existing.mediaIds)).map((media) => [media.remoteUrl, media.id]));
  const mediaIds: string[] = [];
  for (const attachment of attachments.slice(0, 4)) {
    mediaIds.push(had.get(attachment.remoteUrl) ?? (await recordRemoteMedia(deps, author.id, [attachment], commandMetadata(author.id)))[0]!);
  }
  const edit = { statusId: existing.id, accountId: author.id, sensitive, language, mentionedAccountIds, content, mediaIds };
  await editStatus(deps, poll && pollId ? withRemotePoll(edit, poll, pollId) : edit, commandMetadata(author.id));
  if (poll && pollId) await recordTally(deps, existing.id, author.id, pollId, poll);
}

/** Delete of a note (or its tombstone): the remote status goes; Delete of the actor itself: the whole account goes. */
export async function onDelete(ctx: InboxContext<FederationDeps>, del: Delete) {
  if (!del.actorId || !del.objectId || del.objectId.origin !== del.actorId.origin) return;
  const store = await ctx.data.readModels();
  const author = await findRemoteAccountByUri(store, del.actorId.href);
  if (!author) return;
  const deps = await commandDeps(ctx.data);
  if (del.objectId.href === del.actorId.href) {
    // the actor itself is gone: its statuses, follows and reactions go with its account
    await deleteRemoteAccount(deps, author.id, commandMetadata(author.id));
    return;
  }
  const status = await statusByUri(ctx, del.objectId);
  if (status?.accountId === author.id) await deleteStatus(deps, { statusId: status.id, accountId: author.id }, commandMetadata(author.id));
}
