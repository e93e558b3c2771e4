import type { StrataConfig } from '@strata/config';
import type { MediaStorage } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';
import { type MediaDoc, mediaCollection } from '@strata/views';

/**
 * Mastodon's MediaAttachment. `url` is null while the file is still processing; the
 * preview is the custom thumbnail when there is one. A remote status's attachment is
 * served from here once a job has cached it (`remote_url` still names its server's
 * file); until then, or when it cannot be cached, `url` is the remote file too.
 */
export function presentMedia(config: StrataConfig, storage: MediaStorage, doc: MediaDoc) {
  const preview = doc.thumbnail ?? doc.preview;
  const meta: Record<string, unknown> = { ...doc.meta };
  if (doc.focus) meta['focus'] = doc.focus;
  return {
    id: doc.id,
    type: doc.processing === 'failed' ? 'unknown' : doc.mediaType,
    url: doc.file ? storage.url(doc.file.key) : (doc.remoteUrl ?? null),
    preview_url: preview ? storage.url(preview.key) : remotePreviewOf(doc),
    remote_url: doc.remoteUrl ?? null,
    preview_remote_url: doc.previewRemoteUrl ?? null,
    text_url: null,
    meta,
    description: doc.description,
    blurhash: doc.blurhash,
  };
}

/** A remote attachment's preview: its own, or the image itself. */
function remotePreviewOf(doc: MediaDoc): string | null {
  if (doc.previewRemoteUrl) return doc.previewRemoteUrl;
  return doc.mediaType === 'image' ? (doc.remoteUrl ?? null) : null;
}

export type MediaEntity = ReturnType<typeof presentMedia>;

/** The attachments of many statuses in one read, by id. */
export async function mediaById(store: ReadModelStore, ids: string[]): Promise<Map<string, MediaDoc>> {
  if (ids.length === 0) return new Map();
  return new Map((await mediaCollection(store).getMany([...new Set(ids)])).map((doc) => [doc.id, doc]));
}

export function presentAttachments(config: StrataConfig, storage: MediaStorage, ids: string[] | undefined, docs: Map<string, MediaDoc>): MediaEntity[] {
  return (ids ?? []).flatMap((id) => {
    const doc = docs.get(id);
    return doc ? [presentMedia(config, storage, doc)] : [];
  });
}
