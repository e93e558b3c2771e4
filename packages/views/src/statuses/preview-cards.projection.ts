import type { RecordedEvent } from '@strata/kernel';
import { type PreviewCard, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** id: the status's id. */
export interface PreviewCardDoc extends Doc {
  accountId: string;
  card: PreviewCard;
}

export const previewCardsCollection = (store: ReadModelStore): Collection<PreviewCardDoc> =>
  store.collection<PreviewCardDoc>('preview_cards', { indexes: [['accountId']] });

/** Link previews of statuses: the one writer of `preview_cards`; gone with their status or author. */
export const previewCardsProjection: Projection = {
  name: 'preview-cards',
  handles: new Set(['StatusPreviewCardFetched', 'StatusDeleted', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const cards = previewCardsCollection(context.readModels);
    if (event?.type === 'StatusDeleted') await cards.delete(event.data.statusId);
    else if (event?.type === 'AccountDeleted') await cards.deleteWhere({ accountId: event.data.accountId });
    else if (event?.type === 'StatusPreviewCardFetched') {
      const card = await context.personalData.unseal<PreviewCard>(event.data.card);
      // an erased author's card cannot be read any more, and is not shown
      if (card) await cards.upsert({ id: event.data.statusId, accountId: event.data.accountId, card });
    }
  },
};

/** Mastodon's PreviewCard entity. */
export function presentPreviewCard(card: PreviewCard) {
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    language: card.language,
    type: card.type,
    author_name: card.authorName,
    author_url: card.authorUrl ?? '',
    provider_name: card.providerName,
    provider_url: card.providerUrl ?? '',
    html: card.html,
    width: card.width,
    height: card.height,
    image: card.image,
    image_description: '',
    embed_url: '',
    blurhash: null,
    published_at: null,
    authors: [],
  };
}

/** The cards of these statuses, by status id. */
export async function previewCardsOf(store: ReadModelStore, statusIds: string[]): Promise<Map<string, ReturnType<typeof presentPreviewCard>>> {
  if (statusIds.length === 0) return new Map();
  const docs = await previewCardsCollection(store).getMany(statusIds);
  return new Map(docs.map((doc) => [doc.id, presentPreviewCard(doc.card)]));
}
