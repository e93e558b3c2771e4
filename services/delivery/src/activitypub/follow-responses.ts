import { Accept, Follow, Reject } from '@fedify/vocab';
import type { FederationDeps, StrataFederation } from '@strata/federation';
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
  const me = ctx.getActorUri(followed.username);
  const answered = new Follow({ id: new URL(job.activityUri), actor: new URL(follower.remote.uri), object: me });
  const values = { actor: me, object: answered };
  const answer = job.type === 'accept-follow'
    ? new Accept({ id: new URL(`${me.href}#accepts/follows/${follower.id}/${job.revision}`), ...values })
    : new Reject({ id: new URL(`${me.href}#rejects/follows/${follower.id}/${job.revision}`), ...values });
  await ctx.sendActivity({ identifier: followed.username }, recipientOf(follower), answer);
}
