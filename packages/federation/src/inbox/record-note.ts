import type { Context } from '@fedify/fedify';
import { Question, isActor } from '@fedify/vocab';
import { commandDeps, commandMetadata, postRemoteStatus } from '@strata/commands';
import { statusStream } from '@strata/contracts';
import { accountsCollection, waitForProjection } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { remoteAccountFor } from './remote-actor.ts';
import { isNoteLike } from './remote-content.ts';
import type { NoteLike } from './remote-content.ts';
import { isOwnedBy, remoteStatusOf, statusByUri } from './remote-note.ts';
import { recordTally, remotePollOf, withRemotePoll } from './remote-poll.ts';
import type { Sender } from './status.listener.ts';

/** How many unknown ancestors of a reply are fetched, nearest first (Mastodon fetches a thread's parents too). */
export const MAX_ANCESTORS = 5;
const PROJECTION_WAIT_MS = 5000;

/**
 * A remote note (already checked to be its author's) as a status of that author; the id
 * it has here. A reply to a note not known here has its parent fetched first (signed by
 * the instance actor, up to MAX_ANCESTORS), so the thread and its context hold together.
 */
export async function recordRemoteNote(ctx: Context<FederationDeps>, author: Sender, object: NoteLike, depth = 0): Promise<string> {
  if (object.replyTargetId && depth < MAX_ANCESTORS && !(await statusByUri(ctx, object.replyTargetId))) {
    await recordAncestor(ctx, object.replyTargetId, depth + 1).catch((error: unknown) => {
      // a parent that cannot be fetched leaves the reply without it, as Mastodon does
      ctx.data.logger.info({ err: error, uri: object.replyTargetId?.href }, 'ancestor of a remote reply not fetched');
    });
  }
  const status = await remoteStatusOf(ctx, author, object);
  const published = object.published ? new Date(object.published.epochMilliseconds) : ctx.data.clock.now();
  const deps = await commandDeps(ctx.data);
  // a Question is a status with a poll: its options, end and the counts its server reports
  const poll = object instanceof Question ? await remotePollOf(ctx, object, ctx.data.clock.now()) : null;
  const pollId = poll ? deps.ids.next(published.getTime()) : null;
  const input = poll && pollId ? withRemotePoll(status, poll, pollId) : status;
  const { statusId, result } = await postRemoteStatus(deps, { ...input, publishedAt: published }, commandMetadata(author.id));
  if (poll && pollId && result.appended > 0) await recordTally(deps, statusId, author.id, pollId, poll);
  return statusId;
}

async function recordAncestor(ctx: Context<FederationDeps>, uri: URL, depth: number) {
  if (ctx.parseUri(uri)) return; // ours: known or gone
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const object = await ctx.lookupObject(uri.href, { documentLoader, contextLoader: ctx.contextLoader });
  if (!isNoteLike(object) || object.id?.href !== uri.href) return;
  const actor = await object.getAttribution({ documentLoader, contextLoader: ctx.contextLoader, suppressError: true });
  if (!isActor(actor) || !actor.id || !isOwnedBy(object, actor.id)) return;
  const accountId = await remoteAccountFor(ctx, ctx.data, actor);
  if (!accountId) return;
  const known = await accountsCollection(await ctx.data.readModels()).get(accountId);
  if (known?.suspended) return;
  const statusId = await recordRemoteNote(ctx, { id: accountId, followers: actor.followersId?.href ?? null, suspended: false }, object, depth);
  // the reply finds its parent in the read model: wait for the parent's status to be projected
  await waitForProjection(await ctx.data.readModels(), statusStream(statusId), 0, PROJECTION_WAIT_MS);
}
