import { z } from 'zod';
import { SealedData, snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One media attachment is a stream of its own: uploaded, processed, described, attached once, deleted. */
export const mediaStream = (mediaId: string) => `media-${mediaId}`;

export const MediaType = z.enum(['image', 'gifv', 'video', 'audio', 'unknown']);
export type MediaType = z.infer<typeof MediaType>;

/** A stored file: its key in media storage (made up by Strata), its type and size. */
export const MediaFile = z.object({ key: z.string().min(1).max(300), contentType: z.string().min(1), size: z.number().int().nonnegative() });
export type MediaFile = z.infer<typeof MediaFile>;

export const Focus = z.object({ x: z.number().min(-1).max(1), y: z.number().min(-1).max(1) });
export type Focus = z.infer<typeof Focus>;

/** Mastodon's `meta`: dimensions, duration, frame rate, bit rate; no personal data. */
export const MediaMeta = z.record(z.string(), z.unknown());

/** What processing makes of a file (an upload, or a remote attachment's file): the stored files, `meta` and a blurhash. */
const processedFiles = { mediaType: MediaType, file: MediaFile, preview: MediaFile.nullable(), meta: MediaMeta, blurhash: z.string().nullable() };

export const MediaUploaded = defineEvent(
  'MediaUploaded',
  1,
  z.object({
    mediaId: snowflakeId,
    accountId: snowflakeId,
    mediaType: MediaType,
    /** The upload as received, kept until processing replaces it (null when processed at once). */
    upload: MediaFile.nullable(),
    /** The alt text, sealed with the owner's key like a status: erased with the account. */
    description: SealedData.nullable(),
    focus: Focus.nullable(),
    thumbnail: MediaFile.nullable(),
    uploadedAt: z.iso.datetime(),
  }),
);

export const MediaProcessed = defineEvent(
  'MediaProcessed',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, ...processedFiles, processedAt: z.iso.datetime() }),
);

export const MediaProcessingFailed = defineEvent(
  'MediaProcessingFailed',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, reason: z.string().max(500), failedAt: z.iso.datetime() }),
);

export const MediaDescribed = defineEvent(
  'MediaDescribed',
  1,
  z.object({
    mediaId: snowflakeId,
    accountId: snowflakeId,
    description: SealedData.nullable(),
    focus: Focus.nullable(),
    /** A new custom thumbnail, or null to keep the one there is. */
    thumbnail: MediaFile.nullable(),
    describedAt: z.iso.datetime(),
  }),
);

export const MediaAttached = defineEvent(
  'MediaAttached',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, statusId: snowflakeId, attachedAt: z.iso.datetime() }),
);

/** Its status was deleted for a redraft: the attachment is free to be used again, for a while. */
export const MediaDetached = defineEvent(
  'MediaDetached',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, statusId: snowflakeId, detachedAt: z.iso.datetime() }),
);

export const MediaDeleted = defineEvent(
  'MediaDeleted',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, deletedAt: z.iso.datetime() }),
);

/**
 * An attachment of a remote status, referenced where its server keeps it (nothing is
 * downloaded): ready at once, attached to its status like an upload.
 */
export const RemoteMediaRecorded = defineEvent(
  'RemoteMediaRecorded',
  1,
  z.object({
    mediaId: snowflakeId,
    accountId: snowflakeId,
    mediaType: MediaType,
    remoteUrl: z.url(),
    previewRemoteUrl: z.url().nullable(),
    /** The alt text, sealed with the author's key like the status itself. */
    description: SealedData.nullable(),
    focus: Focus.nullable(),
    meta: MediaMeta,
    blurhash: z.string().max(100).nullable(),
    recordedAt: z.iso.datetime(),
  }),
);

/**
 * A remote attachment's file was fetched from its server and processed like an upload
 * (scaled, metadata stripped, a preview and blurhash made): clients load the local copy,
 * `remote_url` still names the original.
 */
export const RemoteMediaCached = defineEvent(
  'RemoteMediaCached',
  1,
  z.object({ mediaId: snowflakeId, accountId: snowflakeId, ...processedFiles, cachedAt: z.iso.datetime() }),
);

export const mediaEvents = [RemoteMediaRecorded, RemoteMediaCached, MediaUploaded, MediaProcessed, MediaProcessingFailed, MediaDescribed, MediaAttached, MediaDetached, MediaDeleted] as const;
