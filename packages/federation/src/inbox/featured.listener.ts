import type { InboxContext } from '@fedify/fedify';
import { type Add, type Remove, isActor } from '@fedify/vocab';
import { commandDeps, commandMetadata, toggleStatusMark } from '@strata/commands';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { remoteAccountFor } from './remote-actor.ts';
import { isNoteLike } from './remote-content.ts';
import { isOwnedBy, statusByUri } from './remote-note.ts';
import { recordRemoteNote } from './record-note.ts';

/**
 * Add or Remove of one of its own notes to the actor's featured collection: the remote
 * account pins or unpins it (shown by `/api/v1/accounts/:id/statuses?pinned=true`).
 * A pinned note not known here yet is fetched first, as Mastodon does.
 */
export async function onFeaturedChange(ctx: InboxContext<FederationDeps>, activity: Add | Remove, on: boolean) {
  if (!activity.actorId || !activity.objectId || !activity.targetId) return;
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const actor = await activity.getActor({ documentLoader, contextLoader: ctx.contextLoader, suppressError: true });
  // only the actor's own featured collection (never another one's, nor some other collection)
  if (!isActor(actor) || actor.id?.href !== activity.actorId.href || actor.featuredId?.href !== activity.targetId.href) return;
  const accountId = await remoteAccountFor(ctx, ctx.data, actor);
  if (!accountId) return;
  const known = await statusByUri(ctx, activity.objectId);
  const statusId = known ? (known.accountId === accountId ? known.id : null) : on ? await fetchedNote(ctx, activity, accountId, actor.followersId) : null;
  if (!statusId) return;
  const input = { kind: 'pin' as const, on, accountId, statusId, statusAccountId: accountId };
  await toggleStatusMark(await commandDeps(ctx.data), input, commandMetadata(accountId));
}

/** The pinned note fetched from the actor's server and recorded, when it is the actor's own. */
async function fetchedNote(ctx: InboxContext<FederationDeps>, activity: Add | Remove, accountId: string, followers: URL | null): Promise<string | null> {
  if (activity.objectId!.origin !== activity.actorId!.origin) return null;
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const object = await activity.getObject({ documentLoader, contextLoader: ctx.contextLoader, suppressError: true });
  if (!isNoteLike(object) || object.id?.href !== activity.objectId!.href || !isOwnedBy(object, activity.actorId!)) return null;
  return recordRemoteNote(ctx, { id: accountId, followers: followers?.href ?? null, suspended: false }, object);
}
