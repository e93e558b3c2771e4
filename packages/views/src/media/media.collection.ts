import type { Focus, MediaFile, MediaType } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/** One media attachment as clients and the cleanup need it; written only by the media projection. */
export interface MediaDoc extends Doc {
  accountId: string;
  mediaType: MediaType;
  processing: 'pending' | 'done' | 'failed';
  failure: string | null;
  /** The status it belongs to, once attached; `statusDeleted` once that status is gone. */
  statusId: string | null;
  statusDeleted: boolean;
  upload: MediaFile | null;
  file: MediaFile | null;
  preview: MediaFile | null;
  thumbnail: MediaFile | null;
  meta: Record<string, unknown>;
  blurhash: string | null;
  description: string | null;
  focus: Focus | null;
  createdAt: string;
  /** Since when it belongs to no status (upload or redraft); null while attached. The sweep goes by it. */
  unattachedSince: string | null;
  /** Bytes stored for it (upload, file, preview, thumbnail), for usage reports. */
  bytes: number;
  /** A remote status's attachment: where its server keeps the file and its preview (nothing is stored here). */
  remoteUrl?: string | null;
  previewRemoteUrl?: string | null;
}

export function mediaCollection(store: ReadModelStore): Collection<MediaDoc> {
  return store.collection<MediaDoc>('media_attachments', {
    indexes: [['accountId', 'id'], ['statusId'], ['statusDeleted'], ['unattachedSince']],
  });
}

/** Key prefix under which every file of one attachment is stored: erased with its account by prefix. */
export const mediaKeyPrefix = (accountId: string, mediaId: string) => `media_attachments/${accountId}/${mediaId}`;
