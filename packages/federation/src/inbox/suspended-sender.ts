import type { InboxContext } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import { findRemoteAccountByUri } from '@strata/views';
import type { FederationDeps } from '../deps.ts';

type Listener<A extends Activity> = (ctx: InboxContext<FederationDeps>, activity: A) => Promise<void>;

/**
 * A remote account the moderators suspended is heard no more: its posts, follows,
 * reactions, reports and moves are dropped, as Mastodon drops them. Withdrawing what it
 * did (Delete, Undo, Reject) and updating its actor are still taken (not wrapped).
 */
export function unlessSenderSuspended<A extends Activity>(listener: Listener<A>): Listener<A> {
  return async (ctx, activity) => {
    if (activity.actorId) {
      const sender = await findRemoteAccountByUri(await ctx.data.readModels(), activity.actorId.href);
      if (sender?.suspended) {
        ctx.data.logger.info({ actor: activity.actorId.href, activity: activity.id?.href }, 'activity of a suspended account dropped');
        return;
      }
    }
    await listener(ctx, activity);
  };
}
