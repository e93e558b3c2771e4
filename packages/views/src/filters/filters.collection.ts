import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

export type FilterContextName = 'home' | 'notifications' | 'public' | 'thread' | 'account';

export interface FilterDoc extends Doc {
  accountId: string;
  title: string;
  context: FilterContextName[];
  action: 'warn' | 'hide' | 'blur';
  expiresAt: string | null;
  keywords: Array<{ id: string; keyword: string; wholeWord: boolean }>;
  statuses: Array<{ id: string; statusId: string }>;
}

/** Where a keyword or a filtered status lives: the routes address them by their own id. */
export interface FilterPartDoc extends Doc {
  filterId: string;
  accountId: string;
}

export const filtersCollection = (store: ReadModelStore): Collection<FilterDoc> => store.collection<FilterDoc>('filters', { indexes: [['accountId']] });
export const filterKeywordsCollection = (store: ReadModelStore): Collection<FilterPartDoc> =>
  store.collection<FilterPartDoc>('filter_keywords', { indexes: [['filterId'], ['accountId']] });
export const filterStatusesCollection = (store: ReadModelStore): Collection<FilterPartDoc> =>
  store.collection<FilterPartDoc>('filter_statuses', { indexes: [['filterId'], ['accountId']] });
