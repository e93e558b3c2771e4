import { randomUUID } from 'node:crypto';
import { type Clock, type SnowflakeGenerator, snowflakeTime } from '@strata/kernel';
import { statusStream, strataEvents } from '@strata/contracts';
import { deleteMedia } from '@strata/commands';
import type { EventStore } from '@strata/event-store';
import type { ReadModelStore } from '@strata/read-models';
import { type MediaDoc, mediaCollection, mediaHeldByScheduledStatuses, mediaKeyPrefix, statusesCollection } from '@strata/views';
import type { MediaStorage } from '../port.ts';

export interface SweepDeps {
  store: EventStore;
  readModels: ReadModelStore;
  storage: MediaStorage;
  ids: SnowflakeGenerator;
  clock: Clock;
}

export type SweepTarget = { statusId: string } | { olderThan: Date };

/**
 * The media of a status once it is deleted: every attachment any version of it had,
 * but for those of its last version when they were kept for a redraft.
 */
async function mediaOfDeletedStatus(store: EventStore, statusId: string): Promise<string[]> {
  const events = (await store.readStream(statusStream(statusId))).flatMap((recorded) => strataEvents.decode(recorded) ?? []);
  const deleted = events.find((event) => event.type === 'StatusDeleted');
  if (!deleted) return [];
  const ids = new Set<string>();
  let last: string[] = [];
  for (const event of events) {
    if (event.type !== 'StatusPosted' && event.type !== 'StatusEdited') continue;
    for (const id of event.data.mediaIds) ids.add(id);
    last = event.data.mediaIds;
  }
  if (deleted.data.keepMedia) for (const id of last) ids.delete(id);
  return [...ids];
}

/** Unattached uploads older than the cut-off, media of deleted statuses, and media claimed by a status never written. */
async function orphans(deps: SweepDeps, olderThan: Date): Promise<MediaDoc[]> {
  const media = mediaCollection(deps.readModels);
  const cutOff = olderThan.toISOString();
  const unattached = await media.find({ where: { statusId: null, unattachedSince: { $lt: cutOff } } });
  const ofDeleted = await media.find({ where: { statusDeleted: true } });
  const claimed = await media.find({ where: { statusId: { $ne: null }, statusDeleted: false, createdAt: { $lt: cutOff } } });
  const statuses = new Set((await statusesCollection(deps.readModels).getMany([...new Set(claimed.map((doc) => doc.statusId!))])).map((s) => s.id));
  // uploads a scheduled status will attach when it is published stay, however old
  const held = await mediaHeldByScheduledStatuses(deps.readModels, unattached.map((doc) => doc.id));
  return [...unattached.filter((doc) => !held.has(doc.id)), ...ofDeleted, ...claimed.filter((doc) => !statuses.has(doc.statusId!))];
}

/**
 * Removes media nobody can see any more: each is deleted by a command (an event
 * analytics can follow), then its files. Safe to run twice or on several workers at once.
 */
export async function sweepMedia(deps: SweepDeps, target: SweepTarget, onProgress?: (done: number, total: number) => void) {
  const docs =
    'statusId' in target
      ? await mediaCollection(deps.readModels).getMany(await mediaOfDeletedStatus(deps.store, target.statusId))
      : await orphans(deps, target.olderThan);
  let bytes = 0;
  let done = 0;
  for (const doc of docs) {
    await deleteMedia(deps, { mediaId: doc.id, accountId: null }, { correlationId: randomUUID() });
    await deps.storage.deletePrefix(mediaKeyPrefix(doc.accountId, doc.id));
    bytes += doc.bytes;
    done++;
    onProgress?.(done, docs.length);
  }
  return { removed: docs.length, bytes };
}

/**
 * Everything an account uploaded, for its erasure: each attachment deleted by a command,
 * then every file under the account's prefix (attachments never recorded included).
 */
export async function eraseAccountMedia(deps: SweepDeps, accountId: string) {
  const docs = await mediaCollection(deps.readModels).find({ where: { accountId } });
  for (const doc of docs) await deleteMedia(deps, { mediaId: doc.id, accountId: null }, { correlationId: randomUUID() });
  const files = await deps.storage.deletePrefix(`media_attachments/${accountId}`);
  return { attachments: docs.length, files };
}

/**
 * Files in storage that belong to no attachment (a process died between storing and
 * recording an upload): removed once their id says they are older than the cut-off.
 */
export async function sweepStrayFiles(deps: SweepDeps, olderThan: Date, onProgress?: (removed: number) => void) {
  const media = mediaCollection(deps.readModels);
  const seen = new Map<string, boolean>();
  let removed = 0;
  let bytes = 0;
  for await (const { key, size } of deps.storage.list('media_attachments')) {
    const [, accountId, mediaId] = key.split('/');
    if (!accountId || !mediaId || !/^\d{1,20}$/.test(mediaId) || snowflakeTime(mediaId) >= olderThan) continue;
    if (!seen.has(mediaId)) seen.set(mediaId, !!(await media.get(mediaId)));
    if (seen.get(mediaId)) continue;
    await deps.storage.delete(key);
    bytes += size;
    removed++;
    onProgress?.(removed);
  }
  return { removed, bytes };
}

/** How much media is stored, by state, for `strata media usage`. */
export async function mediaUsage(readModels: ReadModelStore) {
  const all = await mediaCollection(readModels).find({});
  const sum = (docs: MediaDoc[]) => ({ count: docs.length, bytes: docs.reduce((total, doc) => total + doc.bytes, 0) });
  return {
    attached: sum(all.filter((doc) => doc.statusId && !doc.statusDeleted)),
    unattached: sum(all.filter((doc) => !doc.statusId)),
    ofDeletedStatuses: sum(all.filter((doc) => doc.statusDeleted)),
    processing: sum(all.filter((doc) => doc.processing === 'pending')),
    total: sum(all),
  };
}
