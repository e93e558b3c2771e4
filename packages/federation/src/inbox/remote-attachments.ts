import type { Context } from '@fedify/fedify';
import { Audio, Document, Emoji, Image, Video } from '@fedify/vocab';
import type { RemoteAttachment } from '@strata/commands';
import type { MediaType } from '@strata/contracts';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { hrefOf, isPeerUrlAllowed } from './peer-urls.ts';
import type { NoteLike } from './remote-content.ts';

const MAX_DESCRIPTION = 1500;
const MAX_EMOJIS = 100;

/**
 * A remote object's attachments (Document, Image, Video, Audio) as media referenced by
 * URL, with their alt text (`name`), size and Mastodon's `blurhash` and `focalPoint`.
 * Fedify's vocabulary has no blurhash or focal point: those are read from the object's
 * own JSON, attachment by attachment in the same order.
 */
export async function remoteAttachmentsOf(ctx: Context<FederationDeps>, object: NoteLike): Promise<RemoteAttachment[]> {
  const raw = await rawAttachments(object);
  const attachments: RemoteAttachment[] = [];
  let index = -1;
  for await (const item of object.getAttachments({ ...(await instanceLoaders(ctx)), suppressError: true })) {
    index++;
    if (!(item instanceof Document)) continue;
    const remoteUrl = hrefOf(item.url);
    if (!remoteUrl || !isPeerUrlAllowed(remoteUrl, ctx.data.config.federation.allowPrivateAddress)) continue;
    const extra = raw[index] ?? {};
    const { width, height } = item;
    attachments.push({
      mediaType: mediaTypeOf(item),
      remoteUrl,
      previewRemoteUrl: null,
      description: item.name?.toString().slice(0, MAX_DESCRIPTION) || null,
      focus: focusOf(extra['focalPoint'] ?? extra['toot:focalPoint']),
      meta: width && height ? { original: { width, height, size: `${width}x${height}`, aspect: width / height } } : {},
      blurhash: blurhashOf(extra['blurhash'] ?? extra['toot:blurhash']),
    });
  }
  return attachments;
}

/** The object's custom emojis (`Emoji` tags): `:shortcode:` and its image. */
export async function remoteEmojisOf(ctx: Context<FederationDeps>, object: NoteLike): Promise<{ shortcode: string; url: string }[]> {
  const emojis = new Map<string, string>();
  const loaders = await instanceLoaders(ctx);
  for await (const tag of object.getTags({ ...loaders, suppressError: true })) {
    if (!(tag instanceof Emoji) || emojis.size >= MAX_EMOJIS) continue;
    const shortcode = /^:(\w{1,100}):$/.exec(tag.name?.toString() ?? '')?.[1];
    const icon = await tag.getIcon({ ...loaders, suppressError: true }).catch(() => null);
    const url = hrefOf(icon?.url ?? null);
    if (shortcode && url && isPeerUrlAllowed(url, ctx.data.config.federation.allowPrivateAddress)) emojis.set(shortcode, url);
  }
  return [...emojis].map(([shortcode, url]) => ({ shortcode, url }));
}

async function rawAttachments(object: NoteLike): Promise<Record<string, unknown>[]> {
  // Fedify keeps the JSON an object was parsed from: its properties beyond the vocabulary are there
  const json = (await object.toJsonLd().catch(() => null)) as Record<string, unknown> | null;
  const list = json?.['attachment'];
  return (Array.isArray(list) ? list : list ? [list] : []).map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
}

function mediaTypeOf(document: Document): MediaType {
  const mime = document.mediaType ?? '';
  if (mime.startsWith('image/') || (!mime && document instanceof Image)) return 'image'; // a GIF too: clients show it as an image until a local copy is converted
  if (mime.startsWith('video/') || (!mime && document instanceof Video)) return 'video';
  if (mime.startsWith('audio/') || (!mime && document instanceof Audio)) return 'audio';
  return 'unknown';
}

function focusOf(value: unknown) {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && n >= -1 && n <= 1)) return null;
  return { x: value[0] as number, y: value[1] as number };
}

const blurhashOf = (value: unknown) => (typeof value === 'string' && /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,100}$/.test(value) ? value : null);
