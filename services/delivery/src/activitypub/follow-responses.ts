import { type FederationDeps, type StrataFederation, followAnswerOf } from '@strata/federation';
import { accountsCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet, recipientOf } from './audience.ts';
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
