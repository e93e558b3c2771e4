import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';

export interface ListDoc extends Doc {
  accountId: string;
  title: string;
  repliesPolicy: 'followed' | 'list' | 'none';
  exclusive: boolean;
}

export interface ListMemberDoc extends Doc {
  listId: string;
  accountId: string;
  ownerId: string;
}

export const listsCollection = (store: ReadModelStore): Collection<ListDoc> => store.collection<ListDoc>('lists', { indexes: [['accountId']] });
export const listMembersCollection = (store: ReadModelStore): Collection<ListMemberDoc> =>
  store.collection<ListMemberDoc>('list_members', { indexes: [['listId'], ['ownerId', 'accountId'], ['accountId']] });

export const listsProjection: Projection = {
  name: 'lists',
  handles: new Set(['ListCreated', 'ListUpdated', 'ListDeleted', 'ListMembersChanged', 'FollowEnded', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const lists = listsCollection(context.readModels);
    const members = listMembersCollection(context.readModels);
    switch (event?.type) {
      case 'ListCreated': {
        const { listId, accountId, title, repliesPolicy, exclusive } = event.data;
        if (await anyErased(context.readModels, [accountId])) return;
        await lists.upsert({ id: listId, accountId, title, repliesPolicy, exclusive });
        return;
      }
      case 'ListUpdated':
        await lists.patch(event.data.listId, { title: event.data.title, repliesPolicy: event.data.repliesPolicy, exclusive: event.data.exclusive });
        return;
      case 'ListDeleted':
        await lists.delete(event.data.listId);
        await members.deleteWhere({ listId: event.data.listId });
        return;
      case 'FollowEnded':
        // a list holds only accounts its owner follows: unfollowing or blocking takes them out, as in Mastodon
        await members.deleteWhere({ ownerId: event.data.followerId, accountId: event.data.followedId });
        return;
      case 'ListMembersChanged': {
        const list = await lists.get(event.data.listId);
        if (!list) return;
        for (const accountId of event.data.accountIds) {
          const id = `${event.data.listId}:${accountId}`;
          if (event.data.added && (await anyErased(context.readModels, [accountId]))) continue;
          if (event.data.added) await members.upsert({ id, listId: event.data.listId, accountId, ownerId: list.accountId });
          else await members.delete(id);
        }
        return;
      }
      case 'AccountDeleted': {
        // its own lists, and its place in everyone else's
        const { accountId } = event.data;
        for (const list of await lists.find({ where: { accountId } })) await members.deleteWhere({ listId: list.id });
        await lists.deleteWhere({ accountId });
        await members.deleteWhere({ accountId });
        return;
      }
    }
  },
};
