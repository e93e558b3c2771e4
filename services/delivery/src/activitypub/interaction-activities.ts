import { Announce, Block, Like, PUBLIC_COLLECTION, Undo } from '@fedify/vocab';
import { type FederationDeps, type StrataFederation, actorUriOf, statusUriOf } from '@strata/federation';
import { type AccountDoc, type StatusDoc, accountsCollection, statusesCollection, waitForProjection } from '@strata/views';
import { recipientOf, remoteAudience } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

type Job<T extends OutboundJob['type']> = Extract<OutboundJob, { type: T }>;

/** The local account that acted and the status it acted on, once the cause is projected. */
async function actorAndStatus(deps: FederationDeps, job: Job<'like' | 'undo-like' | 'announce' | 'undo-announce'>) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const accounts = accountsCollection(store);
  const [account, status] = await Promise.all([accounts.get(job.accountId), statusesCollection(store).get(job.statusId)]);
  // a remote account's reactions came from its server; a deleted status is told by its Delete
  if (!account || account.remote || account.suspended || !status) return null;
  const author = await accounts.get(status.accountId);
  return author ? { account, status, author } : null;
}

/** The ActivityPub id of a status: the URI it came with, or its URL here. */
function statusIdOf(ctx: Parameters<typeof statusUriOf>[0], author: AccountDoc, status: StatusDoc): URL | null {
  if (!author.remote) return statusUriOf(ctx, author.username, status.id);
  return status.uri ? new URL(status.uri) : null;
}

/**
 * Like (or its Undo) of a remote status, to its author only, as Mastodon sends it. Each
 * favourite is its own activity (the stream revision in the id): peers drop ids they saw.
 */
export async function sendLike(federation: StrataFederation, deps: FederationDeps, job: Job<'like' | 'undo-like'>) {
  const found = await actorAndStatus(deps, job);
  if (!found?.author.remote || found.author.suspended) return;
  const { account, status, author } = found;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const object = statusIdOf(ctx, author, status);
  if (!object) return;
  const me = ctx.getActorUri(account.username);
  const likeRevision = job.type === 'like' ? job.revision : job.revision - 1;
  const like = new Like({ id: new URL(`${me.href}#likes/${status.id}/${likeRevision}`), actor: me, object });
  const activity = job.type === 'like' ? like : new Undo({ id: new URL(`${me.href}#likes/${status.id}/${likeRevision}/undo`), actor: me, object: like });
  await ctx.sendActivity({ identifier: account.username }, recipientOf(author), activity);
}

/** Announce (or its Undo): to the booster's remote followers and to the status's remote author. */
export async function sendAnnounce(federation: StrataFederation, deps: FederationDeps, job: Job<'announce' | 'undo-announce'>) {
  const found = await actorAndStatus(deps, job);
  if (!found) return;
  const { account, status, author } = found;
  // only what may be shown publicly is announced (a self-boost of a followers-only post stays home)
  if (status.visibility !== 'public' && status.visibility !== 'unlisted') return;
  const recipients = await remoteAudience(deps, account, 'public', author.remote ? [author.id] : []);
  if (recipients.length === 0) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const object = statusIdOf(ctx, author, status);
  if (!object) return;
  const me = ctx.getActorUri(account.username);
  const followers = ctx.getFollowersUri(account.username);
  const authorUri = actorUriOf(ctx, author);
  const audience = job.visibility === 'unlisted'
    ? { tos: [followers], ccs: [PUBLIC_COLLECTION, authorUri] }
    : { tos: [PUBLIC_COLLECTION], ccs: [authorUri, followers] };
  const announce = new Announce({ id: new URL(`${me.href}/statuses/${job.reblogId}/activity`), actor: me, object, ...audience });
  const activity = job.type === 'announce' ? announce : new Undo({ id: new URL(`${me.href}/statuses/${job.reblogId}/activity#undo`), actor: me, object: announce, ...audience });
  await ctx.sendActivity({ identifier: account.username }, recipients.map(recipientOf), activity, { preferSharedInbox: true, orderingKey: announce.id!.href });
}

/** Block (or its Undo) of a remote account, to that account: its server ends the follows too. */
export async function sendBlock(federation: StrataFederation, deps: FederationDeps, job: Job<'block' | 'unblock'>) {
  const store = await deps.readModels();
  await waitForProjection(store, job.stream, job.revision);
  const [account, target] = await accountsCollection(store).getMany([job.accountId, job.targetId]).then((found) => [
    found.find((a) => a.id === job.accountId),
    found.find((a) => a.id === job.targetId),
  ]);
  if (!account || account.remote || !target?.remote) return;
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const me = ctx.getActorUri(account.username);
  const blockRevision = job.type === 'block' ? job.revision : job.revision - 1;
  const block = new Block({ id: new URL(`${me.href}#blocks/${target.id}/${blockRevision}`), actor: me, object: new URL(target.remote.uri) });
  const activity = job.type === 'block' ? block : new Undo({ id: new URL(`${me.href}#blocks/${target.id}/${blockRevision}/undo`), actor: me, object: block });
  await ctx.sendActivity({ identifier: account.username }, recipientOf(target), activity);
}
