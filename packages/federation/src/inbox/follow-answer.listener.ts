import type { InboxContext } from '@fedify/fedify';
import type { Accept, Reject } from '@fedify/vocab';
import { NotFoundError } from '@strata/kernel';
import { changeFollow, commandDeps, commandMetadata } from '@strata/commands';
import { findRemoteAccountByUri, followsCollection, pairId } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import type { FederationDeps } from '../deps.ts';

/**
 * Accept or Reject of a local account's Follow by the remote account it followed: the
 * request becomes a follow, or ends. Only the followed actor may answer, about itself.
 */
export async function onFollowAnswer(ctx: InboxContext<FederationDeps>, answer: Accept | Reject, kind: 'accept' | 'reject') {
  // the Follow is named by the id we gave it (`<actor>#follows/<followed id>/<request id>`): an
  // embedded copy from another origin is not to be trusted, and our own id says everything needed
  if (!answer.actorId || !answer.objectId) return;
  const local = ctx.parseUri(answer.objectId);
  if (local?.type !== 'actor') return;
  const store = await ctx.data.readModels();
  const [follower, followed] = await Promise.all([servedAccount(ctx.data, local.identifier), findRemoteAccountByUri(store, answer.actorId.href)]);
  if (!follower || !followed || !answer.objectId.hash.startsWith(`#follows/${followed.id}/`)) return;
  const pair = { followerId: follower.id, followedId: followed.id };
  const current = await followsCollection(store).get(pairId(follower.id, followed.id));
  const deps = await commandDeps(ctx.data);
  try {
    if (kind === 'accept') await changeFollow(deps, 'AuthorizeFollow', pair, commandMetadata(followed.id));
    else await changeFollow(deps, current?.state === 'following' ? 'RemoveFollower' : 'RejectFollow', pair, commandMetadata(followed.id));
  } catch (error) {
    // an answer to a follow that is no longer asked for changes nothing
    if (!(error instanceof NotFoundError)) throw error;
  }
}
