import { Add, Remove } from '@fedify/vocab';
import { type FederationDeps, type StrataFederation, statusUriOf } from '@strata/federation';
import { accountsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet } from '@strata/job-queue';
import { recipientOf, remoteAudience } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

type PinJob = Extract<OutboundJob, { type: 'pin-status' }>;

/**
 * Add (pinned) or Remove (unpinned) of a local status to its author's featured
 * collection, to the remote followers, so their servers show the same pinned posts.
 */
export async function sendFeaturedChange(federation: StrataFederation, deps: FederationDeps, job: PinJob) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const [account, status] = await Promise.all([accountsCollection(store).get(job.accountId), statusesCollection(store).get(job.statusId)]);
  if (!account) throw new NotProjectedYet(`account ${job.accountId} not projected yet`);
  if (account.remote || account.suspended) return;
  // a pinned status deleted since is removed from the collection by its Delete
  if (job.on && (!status || status.visibility === 'direct')) return;
  const recipients = await remoteAudience(deps, account, 'public', []);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const actor = ctx.getActorUri(account.username);
  const values = {
    id: new URL(`${actor.href}#${job.on ? 'pins' : 'unpins'}/${job.statusId}/${job.revision}`),
    actor,
    object: statusUriOf(ctx, account.username, job.statusId),
    target: ctx.getFeaturedUri(account.username),
  };
  const activity = job.on ? new Add(values) : new Remove(values);
  await ctx.sendActivity({ identifier: account.username }, recipients.map(recipientOf), activity, { preferSharedInbox: true });
}
