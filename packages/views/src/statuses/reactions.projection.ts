import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { countNewStatus, recountAccount } from './statuses.projection.ts';
import { anyErasedIn, suspendedIn } from '../projection/remembered-relations.ts';
import { marksCollection, markId, statusesCollection } from './statuses.collection.ts';
import { forgetReactionsOf, recountFavourites, recountReactionsOf, recountReblogs } from './reaction-counts.ts';

/** Boosts (statuses of their own), favourites, bookmarks, pins and conversation mutes; their feed entries and notifications have their own projections. */
export const reactionsProjection: Projection = {
  name: 'reactions',
  handles: new Set(['StatusReblogged', 'StatusUnreblogged', 'StatusToggled', 'AccountSuspensionChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    if ((event?.type === 'StatusReblogged' || event?.type === 'StatusToggled') && (await anyErasedIn(context, [event.data.accountId, event.data.statusAccountId]))) return;
    if (event?.type === 'StatusReblogged') await reblogged(store, event.data);
    else if (event?.type === 'StatusUnreblogged') {
      await statusesCollection(store).delete(event.data.reblogId);
      await recountReblogs(store, event.data.statusId);
      await recountAccount(store, event.data.accountId);
    } else if (event?.type === 'StatusToggled') {
      const { kind, on, accountId, statusId, statusAccountId, toggleId, at } = event.data;
      const marks = marksCollection(store, kind);
      if (on) await marks.upsert({ id: markId(accountId, statusId), accountId, statusId, statusAccountId, markId: toggleId, createdAt: at });
      else await marks.delete(markId(accountId, statusId));
      if (kind === 'favourite') await recountFavourites(store, statusId, await suspendedIn(context));
    } else if (event?.type === 'AccountSuspensionChanged') {
      await recountReactionsOf(store, event.data.accountId);
    } else if (event?.type === 'AccountDeleted') {
      await forgetReactionsOf(store, event.data.accountId);
    }
  },
};

async function reblogged(store: ReadModelStore, data: { reblogId: string; accountId: string; statusId: string; rebloggedAt: string }) {
  const statuses = statusesCollection(store);
  const original = await statuses.get(data.statusId);
  if (!original || (await statuses.get(data.reblogId))) return;
  await statuses.upsert({
    ...original,
    id: data.reblogId,
    accountId: data.accountId,
    visibility: original.visibility,
    reblogOfId: original.id,
    reblogOfAccountId: original.accountId,
    inReplyToId: null,
    inReplyToAccountId: null,
    createdAt: data.rebloggedAt,
    editedAt: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    streamRevision: 0,
  });
  await recountReblogs(store, original.id);
  await countNewStatus(store, { accountId: data.accountId, createdAt: data.rebloggedAt });
}
