import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { channels } from '../projection/projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { type FilterDoc, filterKeywordsCollection, filterStatusesCollection, filtersCollection } from './filters.collection.ts';

/** The filters of each account; every change is announced to its owner's streams as `filters_changed`. */
export const filtersProjection: Projection = {
  name: 'filters',
  handles: new Set([
    'FilterCreated', 'FilterUpdated', 'FilterDeleted', 'FilterKeywordAdded', 'FilterKeywordUpdated',
    'FilterKeywordRemoved', 'FilterStatusAdded', 'FilterStatusRemoved', 'AccountDeleted',
  ]),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    if (!event) return;
    const store = context.readModels;
    const filters = filtersCollection(store);
    const keywords = filterKeywordsCollection(store);
    const statuses = filterStatusesCollection(store);
    if (event.type === 'AccountDeleted') {
      const { accountId } = event.data;
      await Promise.all([filters.deleteWhere({ accountId }), keywords.deleteWhere({ accountId }), statuses.deleteWhere({ accountId })]);
      return;
    }
    if (event.type === 'FilterCreated') {
      const { filterId, accountId, title, context: where, action, expiresAt } = event.data;
      if (await anyErased(store, [accountId])) return;
      // a replayed creation keeps the keywords and statuses already projected
      const existing = await filters.get(filterId);
      await filters.upsert({ id: filterId, accountId, title, context: where, action, expiresAt, keywords: existing?.keywords ?? [], statuses: existing?.statuses ?? [] });
      context.publish(channels.user(accountId), { event: 'filters_changed', accountId });
      return;
    }
    if (!('filterId' in event.data)) return;
    const filter = await filters.get(event.data.filterId);
    if (!filter) return;
    const change = changed(filter, event);
    if (change === 'deleted') {
      await Promise.all([filters.delete(filter.id), keywords.deleteWhere({ filterId: filter.id }), statuses.deleteWhere({ filterId: filter.id })]);
    } else if (change) {
      await filters.patch(filter.id, change);
      if (event.type === 'FilterKeywordAdded') await keywords.upsert({ id: event.data.keywordId, filterId: filter.id, accountId: filter.accountId });
      if (event.type === 'FilterKeywordRemoved') await keywords.delete(event.data.keywordId);
      if (event.type === 'FilterStatusAdded') await statuses.upsert({ id: event.data.filterStatusId, filterId: filter.id, accountId: filter.accountId });
      if (event.type === 'FilterStatusRemoved') await statuses.delete(event.data.filterStatusId);
    }
    context.publish(channels.user(filter.accountId), { event: 'filters_changed', accountId: filter.accountId });
  },
};

type Decoded = NonNullable<ReturnType<typeof strataEvents.decode>>;

/** The new fields of a filter after one event (idempotent: a replayed event changes nothing). */
function changed(filter: FilterDoc, event: Decoded): Partial<FilterDoc> | 'deleted' | null {
  switch (event.type) {
    case 'FilterUpdated': {
      const { title, context, action, expiresAt } = event.data;
      return { title, context, action, expiresAt };
    }
    case 'FilterDeleted':
      return 'deleted';
    case 'FilterKeywordAdded':
    case 'FilterKeywordUpdated': {
      const { keywordId: id, keyword, wholeWord } = event.data;
      const others = filter.keywords.filter((k) => k.id !== id);
      const at = filter.keywords.findIndex((k) => k.id === id);
      others.splice(at < 0 ? others.length : at, 0, { id, keyword, wholeWord });
      return { keywords: others };
    }
    case 'FilterKeywordRemoved':
      return { keywords: filter.keywords.filter((k) => k.id !== event.data.keywordId) };
    case 'FilterStatusAdded':
      return { statuses: [...filter.statuses.filter((s) => s.id !== event.data.filterStatusId), { id: event.data.filterStatusId, statusId: event.data.statusId }] };
    case 'FilterStatusRemoved':
      return { statuses: filter.statuses.filter((s) => s.id !== event.data.filterStatusId) };
    default:
      return null;
  }
}
