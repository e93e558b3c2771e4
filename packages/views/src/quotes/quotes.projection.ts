import type { RecordedEvent } from '@strata/kernel';
import { type QuotePolicy, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { notify } from '../notifications/notifications.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** One quote: the quoting status (its id) and the status it quotes, with the state of the quote. */
export interface QuoteDoc extends Doc {
  accountId: string;
  quotedStatusId: string;
  quotedAccountId: string;
  state: 'accepted' | 'revoked' | 'deleted';
}

/** A status's quote policy when it is not the default (`public`). */
export interface QuotePolicyDoc extends Doc {
  quotePolicy: QuotePolicy;
}

export function quotesCollection(store: ReadModelStore): Collection<QuoteDoc> {
  return store.collection<QuoteDoc>('quotes', { indexes: [['quotedStatusId', 'id'], ['accountId'], ['quotedAccountId']] });
}

export function quotePoliciesCollection(store: ReadModelStore): Collection<QuotePolicyDoc> {
  return store.collection<QuotePolicyDoc>('quote_policies');
}

/** Quotes and quote policies, with `quote` and `quoted_update` notifications. */
export const quotesProjection: Projection = {
  name: 'quotes',
  handles: new Set(['StatusPosted', 'StatusEdited', 'StatusDeleted', 'StatusQuotePolicyChanged', 'StatusQuoteRevoked', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const quotes = quotesCollection(store);
    if (event?.type === 'StatusPosted') {
      const { statusId, accountId, quote, quotePolicy, postedAt } = event.data;
      if (quotePolicy !== 'public') await quotePoliciesCollection(store).upsert({ id: statusId, quotePolicy });
      if (!quote) return;
      const created = await quotes.insert({ id: statusId, accountId, quotedStatusId: quote.statusId, quotedAccountId: quote.accountId, state: 'accepted' });
      if (created) await notify(store, { recipients: [quote.accountId], type: 'quote', fromAccountId: accountId, statusId, eventId: recorded.id, at: postedAt }, context.publish);
    } else if (event?.type === 'StatusEdited') {
      // those who quoted it hear of the change, about the status they quoted
      const quoters = (await quotes.find({ where: { quotedStatusId: event.data.statusId, state: 'accepted' } })).map((q) => q.accountId);
      const input = { recipients: quoters, type: 'quoted_update' as const, fromAccountId: event.data.accountId, statusId: event.data.statusId, eventId: recorded.id, at: event.data.editedAt };
      await notify(store, input, context.publish);
    } else if (event?.type === 'StatusQuotePolicyChanged') {
      const { statusId, quotePolicy } = event.data;
      if (quotePolicy === 'public') await quotePoliciesCollection(store).delete(statusId);
      else await quotePoliciesCollection(store).upsert({ id: statusId, quotePolicy });
    } else if (event?.type === 'StatusQuoteRevoked') {
      await quotes.patch(event.data.statusId, { state: 'revoked' });
    } else if (event?.type === 'StatusDeleted') {
      const { statusId } = event.data;
      await quotes.delete(statusId);
      await quotePoliciesCollection(store).delete(statusId);
      for (const quote of await quotes.find({ where: { quotedStatusId: statusId, state: 'accepted' } })) await quotes.patch(quote.id, { state: 'deleted' });
    } else if (event?.type === 'AccountDeleted') {
      const { accountId } = event.data;
      await quotes.deleteWhere({ accountId });
      for (const quote of await quotes.find({ where: { quotedAccountId: accountId, state: 'accepted' } })) await quotes.patch(quote.id, { state: 'deleted' });
    }
  },
};

/** Who may quote a status: a private or direct one nobody but its author, whatever its policy says. */
export async function effectiveQuotePolicies(store: ReadModelStore, statuses: { id: string; visibility: string }[]): Promise<Map<string, QuotePolicy>> {
  const set = new Map((await quotePoliciesCollection(store).getMany(statuses.map((s) => s.id))).map((doc) => [doc.id, doc.quotePolicy]));
  return new Map(statuses.map((s) => [s.id, s.visibility === 'private' || s.visibility === 'direct' ? 'nobody' : (set.get(s.id) ?? 'public')]));
}
