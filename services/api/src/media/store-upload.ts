import type { Response } from 'express';
import { ValidationError } from '@strata/kernel';
import { type Focus, type MediaFile, mediaStream } from '@strata/contracts';
import { type ProcessedMedia, uploadMedia } from '@strata/commands';
import { CONTENT_TYPES, InvalidMediaError, inspectAv, mediaKindOf, previewImage, processImage, sizeLimitOf, storeImageVariants, storeUnder, variantsUnder } from '@strata/media';
import { mediaCollection, mediaKeyPrefix, waitForProjection } from '@strata/views';
import { commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import type { MediaFiles } from './media-body.ts';

export const invalidFile = (message = 'File content type is invalid, File is invalid') => new ValidationError(`Validation failed: ${message}`);

/** Turns refusals of the media tools into Mastodon's 422; anything else is a real failure. */
export async function refusingBadMedia<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidMediaError) throw invalidFile(error.message);
    throw error;
  }
}

/** A custom thumbnail: any still image, stored as a ~640 px JPEG. */
export async function storeThumbnail(deps: ApiDeps, prefix: string, path: string): Promise<MediaFile> {
  const preview = await refusingBadMedia(() => previewImage(path, deps.config.media.limits));
  return storeUnder(deps.media, prefix, 'thumbnail', preview.data, preview.contentType);
}

/**
 * A new attachment from an upload: still images are processed here (Mastodon answers
 * 200 for them); GIFs, video and audio are checked with ffprobe, kept as uploaded and
 * processed by a job (202). A refused file leaves nothing stored and nothing written.
 */
export async function acceptUpload(deps: ApiDeps, res: Response, accountId: string, files: MediaFiles, params: { description?: string; focus?: Focus | null }) {
  const upload = files.file;
  if (!upload) throw new ValidationError("Validation failed: File can't be blank");
  const limits = deps.config.media.limits;
  const found = upload.size > 0 ? await refusingBadMedia(() => mediaKindOf(upload.path, limits)) : null;
  if (!found) throw invalidFile();
  const { kind, sniffed } = found;
  const sizeLimit = sizeLimitOf(kind, limits);
  if (upload.size > sizeLimit) throw invalidFile(`File is too large (maximum is ${sizeLimit} bytes)`);

  const mediaId = deps.ids.next(deps.clock.now().getTime());
  const prefix = mediaKeyPrefix(accountId, mediaId);
  let revision: number;
  try {
    let processed: ProcessedMedia | null = null;
    let kept: MediaFile | null = null;
    if (kind === 'image') {
      const image = await refusingBadMedia(() => processImage(upload.path, limits));
      processed = await storeImageVariants(variantsUnder(deps.media, prefix), image);
    } else {
      await refusingBadMedia(() => inspectAv(upload.path, kind, limits));
      const contentType = 'container' in sniffed ? CONTENT_TYPES[sniffed.container]! : 'image/gif';
      kept = await storeUnder(deps.media, prefix, 'upload', upload.path, contentType);
    }
    const thumbnail = files.thumbnail ? await storeThumbnail(deps, prefix, files.thumbnail.path) : null;
    const result = await uploadMedia(
      await commandDeps(deps),
      { mediaId, accountId, mediaType: kind, upload: kept, description: params.description ?? null, focus: params.focus ?? null, thumbnail, processed },
      metadataOf(res),
    );
    revision = result.revision;
  } catch (error) {
    // nothing was recorded: nothing may stay stored
    await deps.media.deletePrefix(prefix).catch(() => 0);
    throw error;
  }
  await waitForProjection(await deps.readModels(), mediaStream(mediaId), revision, 10_000);
  const doc = await mediaCollection(await deps.readModels()).get(mediaId);
  if (!doc) throw new Error(`media ${mediaId} was written but is not in the read model`);
  return doc;
}
