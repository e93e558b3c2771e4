import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { anyErased } from '../accounts/hidden-accounts.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** One account's mark on another: an endorsement, a dismissed suggestion. */
export interface AccountMarkDoc extends Doc {
  accountId: string;
  targetId: string;
  /** Stream position of the event, time-ordered: pages endorsements newest first. */
  pageId: string;
}

export interface AccountNoteDoc extends AccountMarkDoc {
  comment: string;
}

const options = { indexes: [['accountId', 'pageId'], ['targetId']], numericStringFields: ['pageId'] };
export const endorsementsCollection = (store: ReadModelStore): Collection<AccountMarkDoc> => store.collection<AccountMarkDoc>('endorsements', options);
export const dismissedSuggestionsCollection = (store: ReadModelStore): Collection<AccountMarkDoc> =>
  store.collection<AccountMarkDoc>('dismissed_suggestions', options);
export const accountNotesCollection = (store: ReadModelStore): Collection<AccountNoteDoc> => store.collection<AccountNoteDoc>('account_notes', options);

const MARKS = ['AccountEndorsementChanged', 'AccountNoteChanged', 'SuggestionDismissed'];

/** Endorsements, private notes and dismissed suggestions; an erased account's marks go both ways. */
export const accountMarksProjection: Projection = {
  name: 'account-marks',
  handles: new Set([...MARKS, 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const collections = [endorsementsCollection(store), dismissedSuggestionsCollection(store), accountNotesCollection(store)];
    if (event?.type === 'AccountDeleted') {
      for (const collection of collections) {
        await collection.deleteWhere({ accountId: event.data.accountId });
        await collection.deleteWhere({ targetId: event.data.accountId });
      }
      return;
    }
    if (!event || !('targetId' in event.data)) return;
    const { accountId, targetId } = event.data;
    if (await anyErased(store, [accountId, targetId])) return;
    const mark = { id: `${accountId}:${targetId}`, accountId, targetId, pageId: String(recorded.position) };
    switch (event.type) {
      case 'AccountEndorsementChanged':
        if (event.data.endorsed) await collections[0]!.upsert(mark);
        else await collections[0]!.delete(mark.id);
        return;
      case 'SuggestionDismissed':
        await collections[1]!.upsert(mark);
        return;
      case 'AccountNoteChanged': {
        // a shredded note reads as none: its writer was erased after this event
        const note = event.data.note && (await context.personalData.unseal<{ comment: string }>(event.data.note));
        if (note) await accountNotesCollection(store).upsert({ ...mark, comment: note.comment });
        else await accountNotesCollection(store).delete(mark.id);
        return;
      }
    }
  },
};
