import { Accept, Follow } from '@fedify/vocab';
import type { Recipient } from '@fedify/vocab';
import { PermanentJobError } from '@strata/job-queue';
import { type FederationDeps, type StrataFederation, createOf, noteOf } from '@strata/federation';
import { type AccountDoc, accountsCollection, followsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { OutboundJob } from './outbound-jobs.ts';

/** Thrown while the read models have not caught up yet: the job queue retries after a back-off. */
class NotProjectedYet extends Error {}

/**
 * Renders each outbound job as an activity and hands it to Fedify, whose own queues
 * (our job queue again) sign it and deliver it to every inbox, with retries.
 */
export function outboundProcessor(federation: StrataFederation, deps: FederationDeps) {
  return async (payload: unknown) => {
    const parsed = OutboundJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed outbound job: ${parsed.error.message}`);
    const job = parsed.data;
    if (job.type === 'accept-follow') await acceptFollow(federation, deps, job);
    else await createStatus(federation, deps, job);
  };
}

async function acceptFollow(federation: StrataFederation, deps: FederationDeps, job: Extract<OutboundJob, { type: 'accept-follow' }>) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const accounts = accountsCollection(store);
  const [follower, followed] = await Promise.all([accounts.get(job.followerId), accounts.get(job.followedId)]);
  if (!follower || !followed) throw new NotProjectedYet('follow accounts not projected yet');
  if (!follower.remote || followed.remote) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const me = ctx.getActorUri(followed.username);
  const accept = new Accept({
    id: new URL(`${me.href}#accepts/follows/${follower.id}`),
    actor: me,
    object: new Follow({ id: new URL(job.activityUri), actor: new URL(follower.remote.uri), object: me }),
  });
  await ctx.sendActivity({ identifier: followed.username }, recipientOf(follower), accept);
}

async function createStatus(federation: StrataFederation, deps: FederationDeps, job: Extract<OutboundJob, { type: 'create-status' }>) {
  const store = await deps.readModels();
  const projected = await waitForProjection(store, job.stream, job.revision);
  const status = await statusesCollection(store).get(job.statusId);
  if (!status) {
    if (projected) return; // deleted since: nothing to announce
    throw new NotProjectedYet(`status ${job.statusId} not projected yet`);
  }
  const author = await accountsCollection(store).get(status.accountId);
  if (!author || author.remote || author.suspended) return;
  const recipients = await audience(deps, author, status.visibility, status.mentionIds);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const create = createOf(ctx, author, await noteOf(ctx, store, author, status));
  await ctx.sendActivity({ identifier: author.username }, recipients.map(recipientOf), create, { preferSharedInbox: true });
}

/** Remote accounts that must receive a status: followers (unless direct) and the mentioned. */
async function audience(deps: FederationDeps, author: AccountDoc, visibility: string, mentionIds: string[]): Promise<AccountDoc[]> {
  const store = await deps.readModels();
  const followerIds = visibility === 'direct'
    ? []
    : (await followsCollection(store).find({ where: { followedId: author.id, state: 'following' } })).map((follow) => follow.followerId);
  const accounts = await accountsCollection(store).getMany([...new Set([...followerIds, ...mentionIds])]);
  return accounts.filter((account) => account.remote && !account.suspended);
}

function recipientOf(account: AccountDoc): Recipient {
  const remote = account.remote!;
  return {
    id: new URL(remote.uri),
    inboxId: new URL(remote.inbox),
    endpoints: remote.sharedInbox ? { sharedInbox: new URL(remote.sharedInbox) } : null,
  };
}
