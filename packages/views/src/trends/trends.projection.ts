import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { findLinks } from '@strata/text';
import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { type StatusDoc, statusesCollection } from '../statuses/statuses.collection.ts';
import { countsPublicly } from '../visibility/visibility-policy.ts';
import { countUse, linkStatusesCollection, trendId, trendsCollection } from './trend-scores.ts';

/** Only what everyone may see counts: public or unlisted originals of accounts shown to everyone. */
async function trendableStatus(store: ReadModelStore, statusId: string): Promise<StatusDoc | undefined> {
  const status = await statusesCollection(store).get(statusId);
  if (!status || !countsPublicly(status)) return undefined;
  const author = await accountsCollection(store).get(status.accountId);
  return author && !author.suspended && !author.silenced ? status : undefined;
}

/**
 * Trends from the event stream: tags and links of new statuses, favourites and boosts
 * of statuses, each counted once per account and day and decaying with time; the
 * statuses linking each link; and the moderators' review of each item (one writer for all).
 */
export const trendsProjection: Projection = {
  name: 'trends',
  handles: new Set(['StatusPosted', 'StatusReblogged', 'StatusToggled', 'StatusDeleted', 'TrendReviewed']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if (event?.type === 'StatusPosted') {
      const status = await trendableStatus(store, event.data.statusId);
      if (!status) return;
      const at = event.data.postedAt;
      for (const tag of status.tags) await countUse(store, 'tag', tag.toLowerCase(), status.accountId, at);
      for (const link of new Set(findLinks(status.text).map((l) => l.href))) {
        await countUse(store, 'link', link, status.accountId, at);
        await linkStatusesCollection(store).upsert({ id: `${trendId('link', link)}:${status.id}`, trendId: trendId('link', link), statusId: status.id });
      }
    } else if (event?.type === 'StatusReblogged' || (event?.type === 'StatusToggled' && event.data.kind === 'favourite' && event.data.on)) {
      const { statusId, accountId } = event.data;
      const status = await trendableStatus(store, statusId);
      if (!status || accountId === status.accountId) return;
      await countUse(store, 'status', statusId, accountId, event.type === 'StatusReblogged' ? event.data.rebloggedAt : recorded.time);
    } else if (event?.type === 'StatusDeleted') {
      await trendsCollection(store).delete(trendId('status', event.data.statusId));
      await linkStatusesCollection(store).deleteWhere({ statusId: event.data.statusId });
    } else if (event?.type === 'TrendReviewed') {
      const { kind, key, decision, at } = event.data;
      const trends = trendsCollection(store);
      const id = trendId(kind, key);
      const current = await trends.get(id);
      // a review may come before any use of the item (a tag approved ahead): it waits with a zero score
      await trends.upsert({ id, kind, key, score: current?.score ?? 0, scoredAt: current?.scoredAt ?? at, review: decision, reviewedAt: at });
    }
  },
};
