import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type MediaFile, type RemoteMediaRecorded, strataEvents } from '@strata/contracts';
import type { Sealed } from '@strata/personal-data';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { type MediaDoc, mediaCollection } from './media.collection.ts';

const bytesOf = (...files: (MediaFile | null)[]) => files.reduce((sum, file) => sum + (file?.size ?? 0), 0);

async function unsealDescription(context: ProjectionContext, sealed: unknown) {
  if (!sealed) return null;
  const opened = await context.personalData.unseal<{ description: string }>(sealed as Sealed);
  return opened?.description ?? null;
}

/** The media attachments read model: the one writer of `media_attachments`. */
export const mediaProjection: Projection = {
  name: 'media',
  handles: new Set(['RemoteMediaRecorded', 'RemoteMediaCached', 'MediaUploaded', 'MediaProcessed', 'MediaProcessingFailed', 'MediaDescribed', 'MediaAttached', 'MediaDetached', 'MediaDeleted', 'StatusDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const media = mediaCollection(context.readModels);
    if (event?.type === 'MediaUploaded') {
      if (await media.get(event.data.mediaId)) return;
      const { mediaId, accountId, mediaType, upload, focus, thumbnail, uploadedAt } = event.data;
      const doc: MediaDoc = {
        id: mediaId,
        accountId,
        mediaType,
        processing: 'pending',
        failure: null,
        statusId: null,
        statusDeleted: false,
        upload,
        file: null,
        preview: null,
        thumbnail,
        meta: {},
        blurhash: null,
        description: await unsealDescription(context, event.data.description),
        focus,
        createdAt: uploadedAt,
        unattachedSince: uploadedAt,
        bytes: bytesOf(upload, thumbnail),
      };
      await media.upsert(doc);
      return;
    }
    if (event?.type === 'RemoteMediaRecorded') {
      if (await media.get(event.data.mediaId)) return;
      await media.upsert(remoteMediaDoc(event.data, await unsealDescription(context, event.data.description)));
      return;
    }
    if (event?.type === 'StatusDeleted') {
      for (const doc of await media.find({ where: { statusId: event.data.statusId } })) await media.patch(doc.id, { statusDeleted: true });
      return;
    }
    if (!event || !('mediaId' in event.data)) return;
    const doc = await media.get(event.data.mediaId);
    if (!doc) return;
    switch (event.type) {
      case 'MediaProcessed': {
        const { mediaType, file, preview, meta, blurhash } = event.data;
        // the upload is replaced by the processed file (the job deletes it from storage)
        await media.patch(doc.id, { mediaType, file, preview, meta, blurhash, processing: 'done', upload: null, bytes: bytesOf(file, preview, doc.thumbnail) });
        return;
      }
      case 'RemoteMediaCached': {
        // the remote meta (focus aside) gives way to the measured one; remoteUrl stays for `remote_url`
        const { mediaType, file, preview, meta, blurhash } = event.data;
        await media.patch(doc.id, { mediaType, file, preview, meta, blurhash: blurhash ?? doc.blurhash, bytes: bytesOf(file, preview) });
        return;
      }
      case 'MediaProcessingFailed':
        await media.patch(doc.id, { processing: 'failed', failure: event.data.reason, upload: null, bytes: bytesOf(doc.thumbnail) });
        return;
      case 'MediaDescribed': {
        const thumbnail = event.data.thumbnail ?? doc.thumbnail;
        const description = await unsealDescription(context, event.data.description);
        await media.patch(doc.id, { description, focus: event.data.focus, thumbnail, bytes: bytesOf(doc.upload, doc.file, doc.preview, thumbnail) });
        return;
      }
      case 'MediaAttached':
        await media.patch(doc.id, { statusId: event.data.statusId, unattachedSince: null });
        return;
      case 'MediaDetached':
        await media.patch(doc.id, { statusId: null, statusDeleted: false, unattachedSince: event.data.detachedAt });
        return;
      case 'MediaDeleted':
        await media.delete(doc.id);
        return;
    }
  },
};

function remoteMediaDoc(data: EventOf<typeof RemoteMediaRecorded>['data'], description: string | null): MediaDoc {
  const { mediaId, accountId, mediaType, remoteUrl, previewRemoteUrl, focus, meta, blurhash, recordedAt } = data;
  return {
    id: mediaId,
    accountId,
    mediaType,
    processing: 'done',
    failure: null,
    statusId: null,
    statusDeleted: false,
    upload: null,
    file: null,
    preview: null,
    thumbnail: null,
    meta,
    blurhash,
    description,
    focus,
    createdAt: recordedAt,
    unattachedSince: recordedAt,
    bytes: 0,
    remoteUrl,
    previewRemoteUrl,
  };
}
