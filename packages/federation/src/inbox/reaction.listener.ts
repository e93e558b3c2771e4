import type { InboxContext } from '@fedify/fedify';
import { type Announce, type Like, PUBLIC_COLLECTION } from '@fedify/vocab';
import { commandDeps, commandMetadata, reblogStatus, toggleStatusMark, unreblogStatus } from '@strata/commands';
import { countsPublicly, findRemoteAccountByUri, mayViewStatus } from '@strata/views';
import type { FederationDeps } from '../deps.ts';
import { statusByUri } from './remote-note.ts';
import { senderOf } from './status.listener.ts';

/** The local status a Like or an Announce is about, if the sender may see it. */
async function reactedTo(ctx: InboxContext<FederationDeps>, activity: Like | Announce) {
  if (!activity.objectId) return null;
  const status = await statusByUri(ctx, activity.objectId);
  if (!status || !status.local) return null;
  const sender = await senderOf(ctx, activity);
  if (!sender || sender.suspended || !(await mayViewStatus(await ctx.data.readModels(), sender.id, status))) return null;
  return { status, sender };
}

/** Like of a local status: a favourite by the remote account (a notification, a count). */
export async function onLike(ctx: InboxContext<FederationDeps>, like: Like) {
  const found = await reactedTo(ctx, like);
  if (!found) return;
  const { status, sender } = found;
  const input = { kind: 'favourite' as const, on: true, accountId: sender.id, statusId: status.id, statusAccountId: status.accountId };
  await toggleStatusMark(await commandDeps(ctx.data), input, commandMetadata(sender.id));
}

/** Announce of a local public or unlisted status: a boost by the remote account. */
export async function onAnnounce(ctx: InboxContext<FederationDeps>, announce: Announce) {
  const found = await reactedTo(ctx, announce);
  if (!found || !countsPublicly(found.status)) return;
  const { status, sender } = found;
  const visibility = announce.toIds.some((id) => id.href === PUBLIC_COLLECTION.href) ? 'public' : 'unlisted';
  await reblogStatus(await commandDeps(ctx.data), { accountId: sender.id, statusId: status.id, statusAccountId: status.accountId, visibility }, commandMetadata(sender.id));
}

/** Undo of a Like or an Announce: the favourite or the boost is withdrawn. */
export async function undoReaction(ctx: InboxContext<FederationDeps>, actorId: URL, reaction: Like | Announce, kind: 'favourite' | 'reblog') {
  if (reaction.actorId?.href !== actorId.href || !reaction.objectId) return;
  const [sender, status] = await Promise.all([findRemoteAccountByUri(await ctx.data.readModels(), actorId.href), statusByUri(ctx, reaction.objectId)]);
  if (!sender || !status) return;
  const deps = await commandDeps(ctx.data);
  if (kind === 'reblog') await unreblogStatus(deps, { accountId: sender.id, statusId: status.id }, commandMetadata(sender.id));
  else await toggleStatusMark(deps, { kind: 'favourite', on: false, accountId: sender.id, statusId: status.id, statusAccountId: status.accountId }, commandMetadata(sender.id));
}
