import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import type {
  EventOf,
  MediaAttached,
  MediaDeleted,
  MediaDetached,
  MediaDescribed,
  MediaFile,
  MediaProcessed,
  MediaProcessingFailed,
  MediaType,
  MediaUploaded,
  RemoteMediaCached,
  RemoteMediaRecorded,
} from '@strata/contracts';

export type MediaEvent =
  | EventOf<typeof MediaUploaded>
  | EventOf<typeof MediaProcessed>
  | EventOf<typeof MediaProcessingFailed>
  | EventOf<typeof MediaDescribed>
  | EventOf<typeof MediaAttached>
  | EventOf<typeof MediaDetached>
  | EventOf<typeof MediaDeleted>
  | EventOf<typeof RemoteMediaRecorded>
  | EventOf<typeof RemoteMediaCached>;

type Uploaded = EventOf<typeof MediaUploaded>['data'];
type Processed = EventOf<typeof MediaProcessed>['data'];
type Described = EventOf<typeof MediaDescribed>['data'];
type RemoteMedia = EventOf<typeof RemoteMediaRecorded>['data'];
type Cached = EventOf<typeof RemoteMediaCached>['data'];

export type MediaCommand =
  | ({ type: 'UploadMedia'; at: Date; processed: Omit<Processed, 'mediaId' | 'accountId' | 'processedAt'> | null } & Omit<Uploaded, 'uploadedAt'>)
  | ({ type: 'CompleteProcessing'; at: Date } & Omit<Processed, 'accountId' | 'processedAt'>)
  | { type: 'FailProcessing'; mediaId: string; reason: string; at: Date }
  | ({ type: 'RecordRemoteMedia'; at: Date } & Omit<RemoteMedia, 'recordedAt'>)
  | ({ type: 'CacheRemoteMedia'; at: Date } & Omit<Cached, 'accountId' | 'cachedAt'>)
  | ({ type: 'DescribeMedia'; at: Date } & Omit<Described, 'describedAt'>)
  | { type: 'AttachMedia'; mediaId: string; accountId: string; statusId: string; at: Date }
  | { type: 'DetachMedia'; mediaId: string; statusId: string; at: Date }
  /** accountId null: the system's cleanup, which may also remove attached media of deleted statuses. */
  | { type: 'DeleteMedia'; mediaId: string; accountId: string | null; at: Date };

export type MediaState =
  | { exists: false }
  | {
      exists: true;
      accountId: string;
      mediaType: MediaType;
      processing: 'pending' | 'done' | 'failed';
      upload: MediaFile | null;
      statusId: string | null;
      deleted: boolean;
      /** A remote attachment: whether its file is cached here yet. */
      remote?: { cached: boolean };
    };

export const NOT_PROCESSED = 'Validation failed: Cannot attach files that have not finished processing. Try again in a moment!';

/** One uploaded file (or a remote attachment, ready as recorded): processed once, described by its owner, attached to one status at most, deleted once. */
export const mediaDecider: Decider<MediaCommand, MediaEvent, MediaState> = {
  initialState: () => ({ exists: false }),
  evolve(state, event) {
    if (event.type === 'MediaUploaded') {
      const { accountId, mediaType, upload } = event.data;
      return { exists: true, accountId, mediaType, processing: 'pending', upload, statusId: null, deleted: false };
    }
    if (event.type === 'RemoteMediaRecorded') {
      const { accountId, mediaType } = event.data;
      return { exists: true, accountId, mediaType, processing: 'done', upload: null, statusId: null, deleted: false, remote: { cached: false } };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'MediaProcessed':
        return { ...state, mediaType: event.data.mediaType, processing: 'done' };
      case 'MediaProcessingFailed':
        return { ...state, processing: 'failed' };
      case 'RemoteMediaCached':
        return { ...state, mediaType: event.data.mediaType, remote: { cached: true } };
      case 'MediaAttached':
        return { ...state, statusId: event.data.statusId };
      case 'MediaDetached':
        return { ...state, statusId: null };
      case 'MediaDeleted':
        return { ...state, deleted: true };
      default:
        return state;
    }
  },
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'UploadMedia') {
      if (state.exists) return [];
      const { type: _type, at: _at, processed, ...data } = command;
      const uploaded: MediaEvent = { type: 'MediaUploaded', data: { ...data, uploadedAt: at } };
      if (!processed) return [uploaded];
      return [uploaded, { type: 'MediaProcessed', data: { mediaId: data.mediaId, accountId: data.accountId, ...processed, processedAt: at } }];
    }
    if (command.type === 'RecordRemoteMedia') {
      if (state.exists) return [];
      const { type: _type, at: _at, ...data } = command;
      return [{ type: 'RemoteMediaRecorded', data: { ...data, recordedAt: at } }];
    }
    // cached once: a redelivered status or a retried job finds it done; never after deletion
    if (command.type === 'CacheRemoteMedia') {
      if (!state.exists || state.deleted || !state.remote || state.remote.cached) return [];
      const { type: _type, at: _at, ...data } = command;
      return [{ type: 'RemoteMediaCached', data: { ...data, accountId: state.accountId, cachedAt: at } }];
    }
    // a job finishing for media deleted meanwhile, or running twice, changes nothing
    if (command.type === 'CompleteProcessing' || command.type === 'FailProcessing') {
      if (!state.exists || state.deleted || state.processing !== 'pending') return [];
      if (command.type === 'FailProcessing') {
        return [{ type: 'MediaProcessingFailed', data: { mediaId: command.mediaId, accountId: state.accountId, reason: command.reason.slice(0, 500), failedAt: at } }];
      }
      const { type: _type, at: _at, ...data } = command;
      return [{ type: 'MediaProcessed', data: { ...data, accountId: state.accountId, processedAt: at } }];
    }
    if (command.type === 'DetachMedia') {
      if (!state.exists || state.deleted || state.statusId !== command.statusId) return [];
      return [{ type: 'MediaDetached', data: { mediaId: command.mediaId, accountId: state.accountId, statusId: command.statusId, detachedAt: at } }];
    }
    if (command.type === 'DeleteMedia') {
      if (!state.exists || state.deleted) return [];
      if (command.accountId !== null && command.accountId !== state.accountId) throw new NotFoundError();
      if (command.accountId !== null && state.statusId) throw new ValidationError('Media attachment is currently used by a status');
      return [{ type: 'MediaDeleted', data: { mediaId: command.mediaId, accountId: state.accountId, deletedAt: at } }];
    }
    if (!state.exists || state.deleted || state.accountId !== command.accountId) throw new NotFoundError();
    if (command.type === 'DescribeMedia') {
      const { type: _type, at: _at, ...data } = command;
      return [{ type: 'MediaDescribed', data: { ...data, describedAt: at } }];
    }
    if (state.statusId === command.statusId) return [];
    if (state.statusId) throw new ValidationError('Validation failed: Media attachment is already attached to another status');
    if (state.processing !== 'done') throw new ValidationError(NOT_PROCESSED);
    return [{ type: 'MediaAttached', data: { mediaId: command.mediaId, accountId: command.accountId, statusId: command.statusId, attachedAt: at } }];
  },
};
