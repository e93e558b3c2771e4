import type { Context } from '@fedify/fedify';
import { Create, isActor } from '@fedify/vocab';
import { accountsCollection } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { visibilityFromAddressing } from '../inbox/addressing.ts';
import { recordRemoteNote } from '../inbox/record-note.ts';
import { isNoteLike } from '../inbox/remote-content.ts';
import { isOwnedBy } from '../inbox/remote-note.ts';

/** How many of the outbox's newest activities are looked at: a first view shows recent posts, not a whole history. */
export const BACKFILL_COUNT = 20;

/**
 * A remote account's recent public statuses, fetched from its outbox (signed by the
 * instance actor) and recorded like delivered ones: Creates of its own notes only,
 * public or unlisted. Runs as a job; returns how many statuses were recorded.
 */
export async function backfillOutbox(ctx: Context<FederationDeps>, accountId: string): Promise<number> {
  const account = await accountsCollection(await ctx.data.readModels()).get(accountId);
  if (!account?.remote || account.suspended) return 0;
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const loaders = { documentLoader, contextLoader: ctx.contextLoader };
  const actor = await ctx.lookupObject(account.remote.uri, loaders);
  if (!isActor(actor) || actor.id?.href !== account.remote.uri) return 0;
  const outbox = await actor.getOutbox(loaders);
  if (!outbox) return 0;
  const author = { id: accountId, followers: actor.followersId?.href ?? null, suspended: false };
  let seen = 0;
  let recorded = 0;
  for await (const item of ctx.traverseCollection(outbox, loaders)) {
    if (++seen > BACKFILL_COUNT) break;
    if (!(item instanceof Create) || item.actorId?.href !== actor.id.href) continue;
    const object = await item.getObject({ ...loaders, suppressError: true });
    if (!isNoteLike(object) || !isOwnedBy(object, actor.id)) continue;
    const visibility = visibilityFromAddressing(object.toIds, object.ccIds, author.followers);
    if (visibility !== 'public' && visibility !== 'unlisted') continue;
    await recordRemoteNote(ctx, author, object);
    recorded++;
  }
  return recorded;
}
