import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { anyErased } from '../accounts/hidden-accounts.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

export interface FeaturedTagDoc extends Doc {
  accountId: string;
  tag: string;
}

/** Featured tags by their own id (a snowflake, so they sort in the order featured). */
export const featuredTagsCollection = (store: ReadModelStore): Collection<FeaturedTagDoc> =>
  store.collection<FeaturedTagDoc>('featured_tags', { indexes: [['accountId', 'tag']] });

export const featuredTagsProjection: Projection = {
  name: 'featured-tags',
  handles: new Set(['FeaturedTagChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const featured = featuredTagsCollection(context.readModels);
    if (event?.type === 'AccountDeleted') await featured.deleteWhere({ accountId: event.data.accountId });
    if (event?.type !== 'FeaturedTagChanged') return;
    const { accountId, featuredTagId, tag } = event.data;
    if (!event.data.featured) await featured.delete(featuredTagId);
    else if (!(await anyErased(context.readModels, [accountId]))) await featured.upsert({ id: featuredTagId, accountId, tag });
  },
};
