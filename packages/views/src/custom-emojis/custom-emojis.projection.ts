import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** A local custom emoji; its id is its shortcode. The image's URL is made from `key` when shown. */
export interface CustomEmojiDoc extends Doc {
  shortcode: string;
  key: string;
  category: string | null;
  visibleInPicker: boolean;
  addedAt: string;
}

export function customEmojisCollection(store: ReadModelStore): Collection<CustomEmojiDoc> {
  return store.collection<CustomEmojiDoc>('custom_emojis', { indexes: [['shortcode']] });
}

const SHORTCODE_IN_TEXT = /:([a-zA-Z0-9_]{2,}):/g;

/** The shortcodes written as `:shortcode:` in some texts, each once, in order of first use. */
export function shortcodesIn(texts: string[]): string[] {
  // most texts of a page have no colon at all: they are not searched (every page's statuses and authors pass here)
  const written = texts.filter((text) => text.includes(':'));
  return [...new Set(written.flatMap((text) => [...text.matchAll(SHORTCODE_IN_TEXT)].map((match) => match[1]!)))];
}

/** The local custom emojis used in these texts, looked up in one batch. */
export async function localEmojisIn(store: ReadModelStore, texts: string[]): Promise<Map<string, CustomEmojiDoc>> {
  const shortcodes = shortcodesIn(texts);
  if (shortcodes.length === 0) return new Map();
  return new Map((await customEmojisCollection(store).getMany(shortcodes)).map((emoji) => [emoji.shortcode, emoji]));
}

/** The instance's custom emojis, as the operator added and removed them. */
export const customEmojisProjection: Projection = {
  name: 'custom-emojis',
  handles: new Set(['CustomEmojiAdded', 'CustomEmojiRemoved']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const emojis = customEmojisCollection(context.readModels);
    if (event?.type === 'CustomEmojiAdded') {
      const { shortcode, key, category, visibleInPicker, at } = event.data;
      await emojis.upsert({ id: shortcode, shortcode, key, category, visibleInPicker, addedAt: at });
    } else if (event?.type === 'CustomEmojiRemoved') {
      await emojis.delete(event.data.shortcode);
    }
  },
};
