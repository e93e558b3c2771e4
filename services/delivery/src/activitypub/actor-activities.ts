import { PUBLIC_COLLECTION, Update } from '@fedify/vocab';
import { type FederationDeps, type StrataFederation, personOf } from '@strata/federation';
import { accountsCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet } from '@strata/job-queue';
import { recipientOf, remoteAudience } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

/** Update(Person) after a profile or settings change, so followers' servers refresh the account. */
export async function sendActorUpdate(federation: StrataFederation, deps: FederationDeps, job: Extract<OutboundJob, { type: 'update-actor' }>) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const account = await accountsCollection(store).get(job.accountId);
  if (!account) throw new NotProjectedYet(`account ${job.accountId} not projected yet`);
  if (account.remote || account.suspended || !account.approved) return;
  const recipients = await remoteAudience(deps, account, 'public', []);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const actor = await personOf(ctx, account, deps);
  const update = new Update({ id: new URL(`${actor.id!.href}#updates/${job.revision}`), actor: actor.id, tos: [PUBLIC_COLLECTION], object: actor });
  await ctx.sendActivity({ identifier: account.username }, recipients.map(recipientOf), update, { preferSharedInbox: true, orderingKey: actor.id!.href });
}
