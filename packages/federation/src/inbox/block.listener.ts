import type { InboxContext } from '@fedify/fedify';
import type { Block } from '@fedify/vocab';
import { blockAccount, commandDeps, commandMetadata, unblockAccount } from '@strata/commands';
import { findRemoteAccountByUri } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import { type FederationDeps, INSTANCE_ACTOR } from '../deps.ts';
import { senderOf } from './status.listener.ts';

/** The local account a Block names, if it is one we serve. */
async function blockedAccount(ctx: InboxContext<FederationDeps>, block: Block) {
  if (!block.objectId) return null;
  const target = ctx.parseUri(block.objectId);
  if (target?.type !== 'actor' || target.identifier === INSTANCE_ACTOR) return null;
  return servedAccount(ctx.data, target.identifier);
}

/** A remote account blocks a local one: the same block a client makes, so the follows between them end both ways. */
export async function onBlock(ctx: InboxContext<FederationDeps>, block: Block) {
  const blocked = await blockedAccount(ctx, block);
  const sender = blocked ? await senderOf(ctx, block) : null;
  if (!blocked || !sender) return;
  await blockAccount(await commandDeps(ctx.data), { accountId: sender.id, targetId: blocked.id }, commandMetadata(sender.id));
}

/** Undo of a Block by the actor that sent it. */
export async function undoBlock(ctx: InboxContext<FederationDeps>, actorId: URL, block: Block) {
  if (block.actorId?.href !== actorId.href) return;
  const blocked = await blockedAccount(ctx, block);
  const sender = blocked ? await findRemoteAccountByUri(await ctx.data.readModels(), actorId.href) : null;
  if (!blocked || !sender) return;
  await unblockAccount(await commandDeps(ctx.data), { accountId: sender.id, targetId: blocked.id }, commandMetadata(sender.id));
}
