import { Document } from '@fedify/vocab';
import type { MediaStorage } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';
import { type StatusDoc, mediaCollection } from '@strata/views';

/**
 * A status's processed attachments as ActivityStreams Documents, in the status's order:
 * media type, URL, description as `name`, original width and height. (Fedify's
 * vocabulary has no `blurhash` or `focalPoint` yet.)
 */
export async function attachmentsOf(store: ReadModelStore, media: MediaStorage, status: StatusDoc): Promise<Document[]> {
  const ids = status.mediaIds ?? [];
  if (ids.length === 0) return [];
  const byId = new Map((await mediaCollection(store).getMany(ids)).map((doc) => [doc.id, doc]));
  return ids.flatMap((id) => {
    const doc = byId.get(id);
    if (!doc?.file || doc.processing !== 'done') return [];
    const original = doc.meta['original'] as { width?: number; height?: number } | undefined;
    return [
      new Document({
        mediaType: doc.file.contentType,
        url: new URL(media.url(doc.file.key)),
        name: doc.description || null,
        width: original?.width ?? null,
        height: original?.height ?? null,
      }),
    ];
  });
}
