import type { MediaStorage } from '@strata/media';
import { type CustomEmojiDoc, shortcodesIn } from '@strata/views';

export interface CustomEmojiEntity {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category?: string | null;
}

/** Mastodon's CustomEmoji entity for a local emoji (the stored image serves as its static one too). */
export function presentCustomEmoji(media: MediaStorage, emoji: CustomEmojiDoc): CustomEmojiEntity {
  const url = media.url(emoji.key);
  return { shortcode: emoji.shortcode, url, static_url: url, visible_in_picker: emoji.visibleInPicker, category: emoji.category };
}

/** The local emojis (from a batch lookup) that these texts use, in order of first use. */
export function emojisUsedIn(media: MediaStorage, local: ReadonlyMap<string, CustomEmojiDoc>, texts: string[]): CustomEmojiEntity[] {
  if (local.size === 0) return [];
  return shortcodesIn(texts).flatMap((shortcode) => {
    const emoji = local.get(shortcode);
    return emoji ? [presentCustomEmoji(media, emoji)] : [];
  });
}
