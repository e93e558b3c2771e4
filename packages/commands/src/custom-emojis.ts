import { type EventMetadata, BadRequestError, ConflictError, NotFoundError, WrongExpectedRevisionError } from '@strata/kernel';
import { customEmojiShortcode, customEmojiStream, strataEvents } from '@strata/contracts';
import { InvalidImageError, type MediaStorage, customEmojiImageType, storeUnder } from '@strata/media';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

export interface CustomEmojiDeps extends CommandDeps {
  media: Pick<MediaStorage, 'put' | 'putFile' | 'delete'>;
}

export interface AddCustomEmojiInput {
  shortcode: string;
  image: Buffer;
  category: string | null;
  visibleInPicker: boolean;
}

/** The stream's revision so far, and the image key of the emoji when its last word is that it exists. */
async function current(deps: CommandDeps, shortcode: string) {
  const recorded = await deps.store.readStream(customEmojiStream(shortcode));
  const last = recorded.length ? strataEvents.decode(recorded.at(-1)!) : null;
  const key = last?.type === 'CustomEmojiAdded' ? last.data.key : undefined;
  return { revision: recorded.length ? recorded.length - 1 : ('no_stream' as const), exists: key !== undefined, key };
}

function checkShortcode(shortcode: string) {
  if (!customEmojiShortcode.safeParse(shortcode).success) throw new BadRequestError(`invalid shortcode ${JSON.stringify(shortcode)}: use at least two letters, digits or underscores`);
}

/**
 * Adds a local custom emoji: validate (shortcode free, image a small PNG/GIF/WebP), store
 * the image under `custom_emojis/`, then record it. The image is removed again if the
 * record loses a race, so nothing is left half-written.
 */
export async function addCustomEmoji(deps: CustomEmojiDeps, input: AddCustomEmojiInput, metadata: EventMetadata) {
  checkShortcode(input.shortcode);
  const contentType = await customEmojiImageType(input.image).catch((error: unknown) => {
    throw error instanceof InvalidImageError ? new BadRequestError(error.message) : error;
  });
  const { revision, exists } = await current(deps, input.shortcode);
  if (exists) throw new ConflictError(`custom emoji :${input.shortcode}: already exists`);
  const { key } = await storeUnder(deps.media as MediaStorage, `custom_emojis/${input.shortcode}`, 'original', input.image, contentType);
  const stream = customEmojiStream(input.shortcode);
  const data = { shortcode: input.shortcode, key, category: input.category, visibleInPicker: input.visibleInPicker, at: deps.clock.now().toISOString() };
  try {
    const result = await deps.store.append(stream, [{ type: 'CustomEmojiAdded', data, metadata }], { expectedRevision: revision });
    return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
  } catch (error) {
    await deps.media.delete(key);
    if (error instanceof WrongExpectedRevisionError) throw new ConflictError(`custom emoji :${input.shortcode}: already exists`);
    throw error;
  }
}

/** Removes a local custom emoji and then its image; statuses that used it show its shortcode as plain text again. */
export async function removeCustomEmoji(deps: CustomEmojiDeps, shortcode: string, metadata: EventMetadata) {
  checkShortcode(shortcode);
  const { revision, key } = await current(deps, shortcode);
  if (!key) throw new NotFoundError(`no custom emoji :${shortcode}:`);
  const stream = customEmojiStream(shortcode);
  const result = await deps.store.append(stream, [{ type: 'CustomEmojiRemoved', data: { shortcode, at: deps.clock.now().toISOString() }, metadata }], { expectedRevision: revision });
  await deps.media.delete(key);
  return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
}
