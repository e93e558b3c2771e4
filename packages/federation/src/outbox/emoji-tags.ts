import type { Context } from '@fedify/fedify';
import { Emoji, Image } from '@fedify/vocab';
import { type MediaStorage, contentTypeOf } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';
import { localEmojisIn } from '@strata/views';
import { instant } from '../temporal.ts';

/**
 * The instance's custom emojis some texts use (`:shortcode:`), as Mastodon tags them on
 * notes and actors: an `Emoji` named `:shortcode:` whose icon is the image, so that peers
 * show the picture instead of the code.
 */
export async function emojiTagsOf(ctx: Context<unknown>, deps: { readModels(): Promise<ReadModelStore>; media: MediaStorage }, texts: string[]): Promise<Emoji[]> {
  const emojis = await localEmojisIn(await deps.readModels(), texts);
  return [...emojis.values()].map(
    (emoji) =>
      new Emoji({
        id: new URL(`/emojis/${encodeURIComponent(emoji.shortcode)}`, ctx.canonicalOrigin),
        name: `:${emoji.shortcode}:`,
        updated: instant(emoji.addedAt),
        icon: new Image({ url: new URL(deps.media.url(emoji.key)), mediaType: contentTypeOf(emoji.key) ?? null }),
      }),
  );
}
