import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection } from '../projection/projection.ts';

/**
 * A background refresh a client may follow (Mastodon's AsyncRefresh): today the outbox
 * backfill of a remote account's statuses, asked for by the first view of them.
 */
export interface AsyncRefreshDoc extends Doc {
  accountId: string;
  requestedAt: string;
  finished: boolean;
  /** Statuses the refresh recorded; known once it finished. */
  resultCount: number | null;
}

/** How long a refresh can be looked up: as in Mastodon, a refresh is forgotten after a day. */
export const ASYNC_REFRESH_TTL_MS = 24 * 60 * 60 * 1000;

/** The opaque id a client is given for the backfill of one account asked for at one time. */
export const accountStatusesRefreshId = (accountId: string, requestedAt: string) => `account-statuses-${accountId}-${Date.parse(requestedAt)}`;

export function asyncRefreshesCollection(store: ReadModelStore): Collection<AsyncRefreshDoc> {
  return store.collection<AsyncRefreshDoc>('async_refreshes', { indexes: [['accountId']] });
}

/** The refresh with this id, unless it is unknown or older than a day. */
export async function liveAsyncRefresh(store: ReadModelStore, id: string, now: Date): Promise<AsyncRefreshDoc | null> {
  const refresh = await asyncRefreshesCollection(store).get(id);
  return refresh && now.getTime() - Date.parse(refresh.requestedAt) < ASYNC_REFRESH_TTL_MS ? refresh : null;
}

export const asyncRefreshesProjection: Projection = {
  name: 'async-refreshes',
  handles: new Set(['RemoteAccountBackfillRequested', 'RemoteAccountBackfillFinished', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context) {
    const event = strataEvents.decode(recorded);
    const refreshes = asyncRefreshesCollection(context.readModels);
    if (event?.type === 'RemoteAccountBackfillRequested') {
      const { accountId, at } = event.data;
      const id = accountStatusesRefreshId(accountId, at);
      if (await refreshes.get(id)) return; // redelivered: it may have finished already
      // one refresh per account is worth keeping: a new request replaces the last
      await refreshes.deleteWhere({ accountId });
      await refreshes.upsert({ id, accountId, requestedAt: at, finished: false, resultCount: null });
    } else if (event?.type === 'RemoteAccountBackfillFinished') {
      await refreshes.patch(accountStatusesRefreshId(event.data.accountId, event.data.requestedAt), { finished: true, resultCount: event.data.recorded });
    } else if (event?.type === 'AccountDeleted') {
      await refreshes.deleteWhere({ accountId: event.data.accountId });
    }
  },
};
