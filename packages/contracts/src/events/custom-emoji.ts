import { z } from 'zod';
import { defineEvent } from './registry.ts';

/** Shortcodes as Mastodon accepts them: letters, digits and underscores, at least two. */
export const customEmojiShortcode = z.string().regex(/^[a-zA-Z0-9_]{2,}$/).max(100);

/** One stream per shortcode: added, removed, and perhaps added again with a new image. */
export const customEmojiStream = (shortcode: string) => `custom-emoji-${shortcode}`;

/** The operator added a local custom emoji; its image is in media storage under `key`. */
export const CustomEmojiAdded = defineEvent(
  'CustomEmojiAdded',
  1,
  z.object({ shortcode: customEmojiShortcode, key: z.string().min(1).max(300), category: z.string().min(1).max(100).nullable(), visibleInPicker: z.boolean(), at: z.iso.datetime() }),
);
export const CustomEmojiRemoved = defineEvent('CustomEmojiRemoved', 1, z.object({ shortcode: customEmojiShortcode, at: z.iso.datetime() }));

export const customEmojiEvents = [CustomEmojiAdded, CustomEmojiRemoved] as const;
