import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { compareIds } from '@strata/kernel';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** One participant's view of a direct-message thread, keyed `${accountId}:${conversationId}`. */
export interface ConversationDoc extends Doc {
  accountId: string;
  /** The thread's first direct status: the id clients see. */
  conversationId: string;
  /** Everyone else who posted or was mentioned in it. */
  participantIds: string[];
  /** Its statuses, newest first; the presenter shows the newest the viewer may see. */
  statusIds: string[];
  lastStatusId: string;
  unread: boolean;
  removed: boolean;
}

/** Which conversation a direct status belongs to, so that a reply joins its parent's. */
interface ThreadDoc extends Doc {
  conversationId: string;
  participantIds: string[];
}

export const conversationKey = (accountId: string, conversationId: string) => `${accountId}:${conversationId}`;
export const conversationsCollection = (store: ReadModelStore): Collection<ConversationDoc> =>
  store.collection<ConversationDoc>('conversations', { indexes: [['accountId', 'lastStatusId'], ['conversationId']], numericStringFields: ['lastStatusId'] });
const threadsCollection = (store: ReadModelStore): Collection<ThreadDoc> => store.collection<ThreadDoc>('conversation_statuses', { indexes: [['conversationId']] });

/** Direct-message conversations of each participant: built from direct statuses, read and removed by their participant. */
export const conversationsProjection: Projection = {
  name: 'conversations',
  handles: new Set(['StatusPosted', 'StatusDeleted', 'ConversationRead', 'ConversationRemoved', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const conversations = conversationsCollection(store);
    switch (event?.type) {
      case 'StatusPosted': {
        const { statusId, accountId, visibility, inReplyToId, mentionedAccountIds } = event.data;
        if (visibility !== 'direct') return;
        const parent = inReplyToId ? await threadsCollection(store).get(inReplyToId) : null;
        const conversationId = parent?.conversationId ?? statusId;
        const everyone = [...new Set([...(parent?.participantIds ?? []), accountId, ...mentionedAccountIds])];
        await threadsCollection(store).upsert({ id: statusId, conversationId, participantIds: everyone });
        for (const participant of new Set([accountId, ...mentionedAccountIds])) {
          const key = conversationKey(participant, conversationId);
          const current = await conversations.get(key);
          if (current?.statusIds.includes(statusId)) continue;
          const statusIds = [statusId, ...(current?.statusIds ?? [])].sort((a, b) => compareIds(b, a));
          await conversations.upsert({
            id: key,
            accountId: participant,
            conversationId,
            participantIds: everyone.filter((id) => id !== participant),
            statusIds,
            lastStatusId: statusIds[0]!,
            // writing in a conversation reads it, as in Mastodon
            unread: participant !== accountId,
            removed: false,
          });
        }
        return;
      }
      case 'StatusDeleted': {
        const thread = await threadsCollection(store).get(event.data.statusId);
        if (!thread) return;
        await threadsCollection(store).delete(event.data.statusId);
        for (const doc of await conversations.find({ where: { conversationId: thread.conversationId } })) {
          const statusIds = doc.statusIds.filter((id) => id !== event.data.statusId);
          if (statusIds.length === 0) await conversations.delete(doc.id);
          else await conversations.patch(doc.id, { statusIds, lastStatusId: statusIds[0]! });
        }
        return;
      }
      case 'ConversationRead':
        await conversations.patch(conversationKey(event.data.accountId, event.data.conversationId), { unread: false });
        return;
      case 'ConversationRemoved':
        await conversations.patch(conversationKey(event.data.accountId, event.data.conversationId), { removed: true, unread: false });
        return;
      case 'AccountDeleted':
        await conversations.deleteWhere({ accountId: event.data.accountId });
        return;
    }
  },
};

/** The conversation a direct status belongs to, for the streams that announce it. */
export async function conversationOf(store: ReadModelStore, accountId: string, statusId: string): Promise<ConversationDoc | null> {
  const thread = await threadsCollection(store).get(statusId);
  return thread ? conversationsCollection(store).get(conversationKey(accountId, thread.conversationId)) : null;
}
