import { Follow, Undo } from '@fedify/vocab';
import { type FederationDeps, type StrataFederation, followAnswerOf } from '@strata/federation';
import { accountsCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet } from '@strata/job-queue';
import { recipientOf } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

type FollowJob = Extract<OutboundJob, { type: 'accept-follow' | 'reject-follow' }>;

/** Accept (or Reject) of a remote follower's Follow, naming the Follow it answers. */
export async function answerFollow(federation: StrataFederation, deps: FederationDeps, job: FollowJob) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const accounts = accountsCollection(store);
  const [follower, followed] = await Promise.all([accounts.get(job.followerId), accounts.get(job.followedId)]);
  if (!follower || !followed) throw new NotProjectedYet('follow accounts not projected yet');
  if (!follower.remote || followed.remote) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const answer = followAnswerOf(ctx, job.type === 'accept-follow' ? 'accept' : 'reject', followed, follower, job.activityUri, job.revision);
  await ctx.sendActivity({ identifier: followed.username }, recipientOf(follower), answer);
}

type OurFollowJob = Extract<OutboundJob, { type: 'send-follow' | 'undo-follow' }>;

/**
 * Follow of a remote account by a local one (it stays a request until the peer's Accept),
 * or Undo of it. The Follow's id names the request, so a later follow is a new activity.
 */
export async function sendFollow(federation: StrataFederation, deps: FederationDeps, job: OurFollowJob) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const accounts = accountsCollection(store);
  const [follower, followed] = await Promise.all([accounts.get(job.followerId), accounts.get(job.followedId)]);
  if (!follower || !followed) throw new NotProjectedYet('follow accounts not projected yet');
  if (follower.remote || !followed.remote) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const me = ctx.getActorUri(follower.username);
  const follow = new Follow({ id: new URL(`${me.href}#follows/${followed.id}/${job.requestId ?? 'undone'}`), actor: me, object: new URL(followed.remote.uri) });
  const activity = job.type === 'send-follow' ? follow : new Undo({ id: new URL(`${me.href}#follows/${followed.id}/undo/${job.revision}`), actor: me, object: follow });
  await ctx.sendActivity({ identifier: follower.username }, recipientOf(followed), activity);
}
