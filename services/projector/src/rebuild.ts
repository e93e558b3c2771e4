import { sleep } from '@strata/kernel';
import { type EventLog, projectorGroup } from '@strata/event-log';
import type { Logger } from '@strata/logging';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore, ReadModelVersions, VersionState } from '@strata/read-models';
import { type Projection, keptCollectionNames } from '@strata/views';
import { startProjector } from './index.ts';

export interface RebuildProgress {
  phase: 'catching-up' | 'handing-over' | 'switched' | 'dropped';
  /** The version being built, and the one it replaces. */
  version: number;
  from: number;
  projected: number;
  /** Events still to project (catching up). */
  behind: number;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  /** Called after each event the rebuild projects, with the count so far (benchmarks time the halves of a rebuild with it). */
  onProjected?: (projected: number) => void;
  /** How long a caught-up rebuild waits for a live projector to take the new version before switching to it itself. */
  takeoverMs?: number;
  /** How long the old version stays after the switch, for readers that looked it up just before. */
  graceMs?: number;
}

const LEASE_MS = 30_000;
const LOOK_MS = 100;
/** How long a live projector that took the new version may take to bring it level and activate it. */
const ACTIVATION_TIMEOUT_MS = 120_000;

// a rebuild replays old events: none of them is news for streaming clients
const silent: PubSub = { publish: async () => {}, subscribe: async () => async () => {}, close: async () => {} };

/** Events per transaction in a rebuild (a live projector uses the log's 500). */
export const REBUILD_BATCH = 2000;

/**
 * Rebuilds every read model from the first event into a new version while the active
 * one keeps serving: projects the whole log into the new version under a consumer group
 * of its own, and once caught up with the head offers it to the live projector, which
 * takes it over and activates it (live-projector.ts); when no live projector takes it,
 * the rebuild activates it itself. Then the old version is dropped.
 */
export async function rebuildReadModels(
  deps: { log: EventLog; readModels: ReadModelStore; vault: ReadModelStore; logger: Logger; publicUrl: string; projections?: readonly Projection[] },
  options: RebuildOptions = {},
): Promise<{ events: number; seconds: number; version: number; from: number }> {
  const versions = deps.readModels.versions;
  const claimed = await versions.update((state) => {
    if (state.building && state.building.leaseUntil > Date.now()) return null;
    return { ...state, last: state.last + 1, building: { version: state.last + 1, leaseUntil: Date.now() + LEASE_MS } };
  });
  if (!claimed) throw new Error(`a rebuild of version ${(await versions.state()).building?.version} is already running`);
  const version = claimed.building!.version;
  const group = projectorGroup(version);
  const report = (phase: RebuildProgress['phase'], from: number, behind = 0) => options.onProgress?.({ phase, version, from, projected, behind });

  const started = process.hrtime.bigint();
  let projected = 0;
  let readyAt = -1;
  const consumer = await startProjector({
    ...deps,
    pubsub: silent,
    readModels: versions.at(version),
    group,
    announceAfter: Infinity,
    // nobody waits on a rebuild's announcements: larger transactions, and relations remembered across more events
    batchSize: REBUILD_BATCH,
    onProjected(event) {
      projected++;
      readyAt = Math.max(readyAt, event.position);
      options.onProjected?.(projected);
    },
  });
  let failure: unknown;
  consumer.done.catch((error: unknown) => (failure = error));
  try {
    // catch up with the head, which moves on while the instance serves
    let reportedAt = 0;
    let renewedAt = Date.now();
    for (;;) {
      if (failure) throw failure;
      const { events: behind } = await deps.log.lag(group);
      // about once a second, and once caught up (the projector shares this event loop, so looks are not evenly spaced)
      if (behind === 0 || Date.now() - reportedAt >= 1000) {
        report('catching-up', claimed.active, behind);
        reportedAt = Date.now();
      }
      if (behind === 0) break;
      if (Date.now() - renewedAt >= LEASE_MS / 3) {
        await renewLease(versions, version);
        renewedAt = Date.now();
      }
      await sleep(LOOK_MS);
    }
  } finally {
    await consumer.stop();
  }
  if (failure) throw failure;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const from = await handOver(versions, version, readyAt, options.takeoverMs ?? 3000, (phase, old) => report(phase, old));
  report('switched', from);
  await sleep(options.graceMs ?? 5000);
  await versions.drop(from, keptCollectionNames);
  await deps.log.forgetGroup(projectorGroup(from)).catch((error: unknown) => deps.logger.warn({ err: error, group: projectorGroup(from) }, 'could not forget the retired group'));
  await versions.update((state) => (state.retired === from ? withoutKeys(state, 'retired') : null));
  report('dropped', from);
  return { events: projected, seconds, version, from };
}

/** Offers the caught-up version; returns the version it replaced once it is active. */
async function handOver(
  versions: ReadModelVersions,
  version: number,
  readyAt: number,
  takeoverMs: number,
  report: (phase: RebuildProgress['phase'], from: number) => void,
): Promise<number> {
  const offered = await versions.update((state) => ({ ...state, handoff: { from: state.active, version, state: 'offered', readyAt } }));
  const from = offered!.handoff!.from;
  report('handing-over', from);
  const since = Date.now();
  for (;;) {
    const state = await versions.state();
    if (state.active === version) return from;
    const waited = Date.now() - since;
    if (state.handoff?.state === 'offered' && waited >= takeoverMs) {
      // no live projector took it (the instance is stopped, or its projector far behind): switch here
      const switched = await versions.update((current) =>
        current.handoff?.version === version && current.handoff.state === 'offered'
          ? { ...withoutKeys(current, 'handoff', 'building'), active: version, retired: current.active }
          : null,
      );
      if (switched) return from;
    }
    if (waited > ACTIVATION_TIMEOUT_MS) throw new Error(`the live projector took version ${version} but has not activated it`);
    await sleep(LOOK_MS);
  }
}

function renewLease(versions: ReadModelVersions, version: number) {
  return versions.update((state) => (state.building?.version === version ? { ...state, building: { version, leaseUntil: Date.now() + LEASE_MS } } : null));
}

function withoutKeys(state: VersionState, ...keys: ('handoff' | 'building' | 'retired')[]): VersionState {
  const copy = { ...state };
  for (const key of keys) delete copy[key];
  return copy;
}

/** The rebuild on the engines a configuration names (either mode). */
export async function rebuildWithEngines(
  engines: { eventLog(): Promise<EventLog>; readModels(): Promise<ReadModelStore>; vault(): Promise<ReadModelStore> },
  publicUrl: string,
  logger: Logger,
  options: RebuildOptions = {},
) {
  return rebuildReadModels({ log: await engines.eventLog(), readModels: await engines.readModels(), vault: await engines.vault(), logger, publicUrl }, options);
}
