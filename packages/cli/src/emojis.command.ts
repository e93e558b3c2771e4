import { readFile, stat } from 'node:fs/promises';
import { addCustomEmoji, removeCustomEmoji } from '@strata/commands';
import { BadRequestError, snowflakes, systemClock } from '@strata/kernel';
import { MAX_CUSTOM_EMOJI_BYTES, createMediaStorage } from '@strata/media';
import { customEmojisCollection } from '@strata/views';
import type { StrataConfig } from '@strata/config';
import type { CustomEmojiDeps } from '@strata/commands';
import type { CliCommand } from './main.ts';
import { metadata, withEngines } from './with-engines.ts';

async function withEmojiDeps<T>(config: StrataConfig, work: (deps: CustomEmojiDeps) => Promise<T>): Promise<T> {
  return withEngines(config, async (engines) => work({ store: await engines.eventStore(), ids: snowflakes, clock: systemClock, media: createMediaStorage(config) }));
}

/** Reads the image, refusing a missing or oversized file before loading it. */
async function readImage(path: string): Promise<Buffer> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new BadRequestError(`no image file at ${path}`);
  if (info.size > MAX_CUSTOM_EMOJI_BYTES) throw new BadRequestError('Image is too big (maximum is 256 KB)');
  return readFile(path);
}

/** `strata emojis add <shortcode> <image> [--category NAME] [--hidden] | remove <shortcode> | list`: the instance's custom emojis. */
export const emojiCommands: Record<string, CliCommand> = {
  add: {
    summary: 'add a custom emoji from a PNG, GIF or WebP of at most 256 KB: <shortcode> <image file> [--category NAME] [--hidden]',
    positionals: '<shortcode> <image>',
    options: { category: { type: 'string' }, hidden: { type: 'boolean' } },
    async run({ values, positionals }, config) {
      const [shortcode, path] = positionals;
      if (!shortcode || !path || positionals.length !== 2) throw new BadRequestError('usage: strata emojis add <shortcode> <image file> [--category NAME] [--hidden]');
      const category = typeof values['category'] === 'string' ? values['category'].trim() : '';
      if (category.length > 100) throw new BadRequestError('--category is at most 100 characters');
      const input = { shortcode, image: await readImage(path), category: category || null, visibleInPicker: values['hidden'] !== true };
      await withEmojiDeps(config, (deps) => addCustomEmoji(deps, input, metadata()));
      process.stdout.write(`added :${shortcode}:\n`);
    },
  },
  remove: {
    summary: 'remove a custom emoji: <shortcode>',
    positionals: '<shortcode>',
    async run({ positionals }, config) {
      const [shortcode] = positionals;
      if (!shortcode || positionals.length !== 1) throw new BadRequestError('usage: strata emojis remove <shortcode>');
      await withEmojiDeps(config, (deps) => removeCustomEmoji(deps, shortcode, metadata()));
      process.stdout.write(`removed :${shortcode}:\n`);
    },
  },
  list: {
    summary: 'list the custom emojis',
    async run(_args, config) {
      await withEngines(config, async (engines) => {
        const media = createMediaStorage(config);
        for (const emoji of await customEmojisCollection(await engines.readModels()).find({ sort: { field: 'shortcode', direction: 'asc' } })) {
          process.stdout.write(`:${emoji.shortcode}:\t${emoji.category ?? '-'}\t${emoji.visibleInPicker ? 'shown' : 'hidden'}\t${media.url(emoji.key)}\n`);
        }
      });
    },
  },
};
