import { Delete, Tombstone, Update, PUBLIC_COLLECTION } from '@fedify/vocab';
import { type FederationDeps, type StrataFederation, createOf, noteOf, statusUriOf } from '@strata/federation';
import { accountsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { NotProjectedYet } from '@strata/job-queue';
import { recipientOf, remoteAudience } from './audience.ts';
import { deletedStatusAudience } from './deleted-status-audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

type StatusJob = Extract<OutboundJob, { type: 'create-status' | 'update-status' }>;
type DeleteJob = Extract<OutboundJob, { type: 'delete-status' }>;

/** Create (new) or Update (edited) of a local status, as a Note, to its remote audience. */
export async function sendStatus(federation: StrataFederation, deps: FederationDeps, job: StatusJob) {
  const store = await deps.readModels();
  const projected = await waitForProjection(store, job.stream, job.revision);
  const status = await statusesCollection(store).get(job.statusId);
  if (!status) {
    if (projected) return; // deleted since: nothing to announce
    throw new NotProjectedYet(`status ${job.statusId} not projected yet`);
  }
  const author = await accountsCollection(store).get(status.accountId);
  if (!author || author.remote || author.suspended) return;
  // a public or unlisted reply also reaches the author it answers, as Mastodon's does
  const repliedTo = status.inReplyToAccountId && (status.visibility === 'public' || status.visibility === 'unlisted') ? [status.inReplyToAccountId] : [];
  const recipients = await remoteAudience(deps, author, status.visibility, [...status.mentionIds, ...repliedTo]);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const note = await noteOf(ctx, store, author, status);
  const activity = job.type === 'create-status'
    ? createOf(ctx, author, note)
    : new Update({ id: new URL(`${note.id!.href}#updates/${job.revision}`), actor: note.attributionId, tos: note.toIds, ccs: note.ccIds, updated: note.updated, object: note });
  await ctx.sendActivity({ identifier: author.username }, recipients.map(recipientOf), activity, { preferSharedInbox: true, orderingKey: note.id!.href });
}

/** Delete of a local status, as a Tombstone, to those its Create reached (followers unless direct, the mentioned). */
export async function sendDelete(federation: StrataFederation, deps: FederationDeps, job: DeleteJob) {
  const author = await accountsCollection(await deps.readModels()).get(job.accountId);
  if (!author || author.remote) return;
  const recipients = await deletedStatusAudience(deps, author, job.statusId);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const statusUri = statusUriOf(ctx, author.username, job.statusId);
  const activity = new Delete({
    id: new URL(`${statusUri.href}#delete`),
    actor: ctx.getActorUri(author.username),
    tos: [PUBLIC_COLLECTION],
    object: new Tombstone({ id: statusUri }),
  });
  await ctx.sendActivity({ identifier: author.username }, recipients.map(recipientOf), activity, { preferSharedInbox: true, orderingKey: statusUri.href });
}
