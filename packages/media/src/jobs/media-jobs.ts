import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Clock, type RecordedEvent, type SnowflakeGenerator, foldEvents } from '@strata/kernel';
import { mediaStream, strataEvents } from '@strata/contracts';
import { type MediaEvent, mediaDecider } from '@strata/domain';
import { completeMediaProcessing, failMediaProcessing } from '@strata/commands';
import type { EventStore } from '@strata/event-store';
import type { JobQueue } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import { mediaKeyPrefix } from '@strata/views';
import type { MediaStorage } from '../port.ts';
import { type AvType, transcodeAv } from '../processing/av.ts';
import { MediaToolError } from '../processing/ffmpeg.ts';
import { InvalidMediaError, type MediaLimits } from '../processing/limits.ts';
import { storeAvVariants, variantsUnder } from '../store-under.ts';
import { sweepMedia } from './sweep.ts';

export const MEDIA_PROCESS_QUEUE = 'media.process';
export const MEDIA_CLEANUP_QUEUE = 'media.cleanup';

export interface MediaJobDeps {
  store: EventStore;
  readModels: ReadModelStore;
  storage: MediaStorage;
  limits: MediaLimits;
  ids: SnowflakeGenerator;
  clock: Clock;
  logger: Logger;
  unattachedTtlMs: number;
}

const systemMetadata = () => ({ correlationId: randomUUID() });

/**
 * Processes one upload (GIF, video, audio) off the request path. A file the tools refuse
 * is a permanent failure, recorded on the media; anything else throws to be retried.
 */
export async function processMedia(deps: MediaJobDeps, mediaId: string): Promise<void> {
  const recorded = await deps.store.readStream(mediaStream(mediaId));
  const state = foldEvents(mediaDecider, recorded.flatMap((event) => strataEvents.decode(event) ?? []) as MediaEvent[]);
  if (!state.exists || state.deleted || state.processing !== 'pending' || !state.upload) return;
  const upload = state.upload;
  const work = await mkdtemp(join(tmpdir(), 'strata-media-job-'));
  try {
    const source = await deps.storage.open(upload.key);
    if (!source) {
      await failMediaProcessing(deps, mediaId, 'the upload is missing from storage', systemMetadata());
      return;
    }
    const input = join(work, 'upload');
    await pipeline(source, createWriteStream(input));
    let output;
    try {
      output = await transcodeAv(input, state.mediaType as AvType, work, deps.limits);
    } catch (error) {
      if (!(error instanceof InvalidMediaError || error instanceof MediaToolError)) throw error;
      deps.logger.warn({ mediaId, err: error }, 'media refused by processing');
      await failMediaProcessing(deps, mediaId, error.message, systemMetadata());
      await deps.storage.delete(upload.key);
      return;
    }
    const processed = await storeAvVariants(variantsUnder(deps.storage, mediaKeyPrefix(state.accountId, mediaId)), state.mediaType, output);
    await completeMediaProcessing(deps, mediaId, processed, systemMetadata());
    await deps.storage.delete(upload.key);
    deps.logger.info({ mediaId, type: state.mediaType, bytes: processed.file.size }, 'media processed');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The job queue processors of media, by queue name. */
export function mediaProcessors(deps: MediaJobDeps): Record<string, (payload: unknown) => Promise<void>> {
  return {
    [MEDIA_PROCESS_QUEUE]: async (payload) => processMedia(deps, (payload as { mediaId: string }).mediaId),
    [MEDIA_CLEANUP_QUEUE]: async (payload) => {
      const { statusId } = (payload ?? {}) as { statusId?: string };
      const result = await sweepMedia(deps, statusId ? { statusId } : { olderThan: new Date(deps.clock.now().getTime() - deps.unattachedTtlMs) });
      if (result.removed) deps.logger.info({ ...result, statusId }, 'media cleaned up');
    },
  };
}

/** Events that call for media work: an upload to process, a deleted status whose media goes (but what is kept for a redraft). */
export const mediaReactions: Record<string, ((event: RecordedEvent, jobs: JobQueue) => Promise<void>)[]> = {
  MediaUploaded: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'MediaUploaded' && event.data.upload) await jobs.enqueue(MEDIA_PROCESS_QUEUE, { mediaId: event.data.mediaId }, { maxAttempts: 5 });
    },
  ],
  StatusDeleted: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'StatusDeleted') await jobs.enqueue(MEDIA_CLEANUP_QUEUE, { statusId: event.data.statusId });
    },
  ],
};

/** The scheduled sweep: one cleanup job now and every `intervalMs` (idempotent, so several workers may do it). */
export function scheduleMediaCleanup(jobs: JobQueue, intervalMs: number, logger: Logger): { stop(): void } {
  const enqueue = () => void jobs.enqueue(MEDIA_CLEANUP_QUEUE, {}).catch((error: unknown) => logger.warn({ err: error }, 'could not schedule media cleanup'));
  enqueue();
  const timer = setInterval(enqueue, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
