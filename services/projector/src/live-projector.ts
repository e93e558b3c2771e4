import type { RecordedEvent } from '@strata/kernel';
import { type LogConsumer, projectorGroup } from '@strata/event-log';
import type { VersionState } from '@strata/read-models';
import { type ProjectorDeps, startProjector } from './index.ts';

/**
 * The projector a running Strata keeps: it writes the active read-model version, and
 * when a rebuild offers a new version that has caught up, it takes the hand-over:
 *
 * 1. it claims the offer (so the rebuild stops waiting), and stops writing the old version,
 *    which stays as it is at position Q for readers;
 * 2. it writes the new version from where the rebuild stopped (P), announcing to streaming
 *    only what comes after Q (the old version announced the rest);
 * 3. once the new version has passed Q, durably, it activates it: readers move at once.
 *
 * Only one writer per version at any time: the rebuild stopped before offering, and the old
 * version's consumer stops before the new one starts. A version switched by someone else
 * (a rebuild that found no live projector) is followed at the next look.
 */
export async function startLiveProjector(deps: Omit<ProjectorDeps, 'group' | 'announceAfter' | 'onCheckpoint'> & { pollMs?: number }): Promise<LogConsumer> {
  const versions = deps.readModels.versions;
  const logger = deps.logger.child({ component: 'projector' });
  // the last position this process projected, whatever the version: the announcements so far
  let lastPosition = -1;
  let failed!: (error: unknown) => void;
  let finished!: () => void;
  const done = new Promise<void>((resolve, reject) => ((finished = resolve), (failed = reject)));
  // a consumer stopped on purpose (a switch) may end in an error writing a version just dropped: no failure of ours
  const retiring = new WeakSet<LogConsumer>();
  const retire = async (consumer: LogConsumer) => {
    retiring.add(consumer);
    await consumer.stop();
  };
  const run = async (version: number, announceAfter: number, onCheckpoint?: (last: RecordedEvent) => void) => {
    const consumer = await startProjector({
      ...deps,
      readModels: versions.at(version),
      group: projectorGroup(version),
      announceAfter,
      onProjected(event) {
        lastPosition = Math.max(lastPosition, event.position);
        deps.onProjected?.(event);
      },
      ...(onCheckpoint && { onCheckpoint }),
    });
    consumer.done.catch((error: unknown) => !retiring.has(consumer) && failed(error));
    return consumer;
  };

  // a hand-over taken by a projector that then stopped (this one, before a restart) is on offer again
  await versions.update((state) => (state.handoff?.state === 'taken' ? { ...state, handoff: { ...state.handoff, state: 'offered' } } : null));
  const start = await versions.state();
  let current = { version: start.active, consumer: undefined as unknown as LogConsumer };
  current.consumer = await run(start.active, -1);

  const activate = (version: number) =>
    versions.update((state) => {
      if (state.handoff?.version !== version || state.handoff.state !== 'taken') return null;
      const { handoff: _handoff, building: _building, ...rest } = state;
      return { ...rest, active: version, retired: state.active };
    });

  const takeOver = async (offer: NonNullable<VersionState['handoff']>) => {
    // take only once the old version holds everything the new one does, so nothing goes unannounced
    if (lastPosition < offer.readyAt) return;
    const taken = await versions.update((state) =>
      state.handoff?.version === offer.version && state.handoff.state === 'offered' ? { ...state, handoff: { ...offer, state: 'taken' } } : null,
    );
    if (!taken) return;
    await retire(current.consumer);
    const through = lastPosition;
    logger.info({ from: current.version, to: offer.version, rebuiltThrough: offer.readyAt, oldThrough: through }, 'taking over the rebuilt read models');
    let activated = offer.readyAt >= through;
    if (activated) await activate(offer.version);
    current = { version: offer.version, consumer: undefined as unknown as LogConsumer };
    current.consumer = await run(offer.version, through, (last) => {
      if (activated || last.position < through) return;
      activated = true;
      void activate(offer.version).catch((error: unknown) => logger.error({ err: error }, 'activating the rebuilt read models failed'));
    });
  };

  const follow = async (state: VersionState) => {
    // someone else switched versions (a rebuild that met no live projector): write the new one from its checkpoint
    logger.info({ from: current.version, to: state.active }, 'following the read-model version switch');
    await retire(current.consumer);
    current = { version: state.active, consumer: undefined as unknown as LogConsumer };
    current.consumer = await run(state.active, lastPosition);
  };

  let looking = false;
  const look = async () => {
    if (looking) return;
    looking = true;
    try {
      const state = await versions.state();
      const mine = state.handoff?.state === 'taken' && state.handoff.version === current.version;
      if (state.handoff?.state === 'offered' && state.handoff.from === current.version) await takeOver(state.handoff);
      else if (state.active !== current.version && !mine) await follow(state);
    } catch (error) {
      logger.warn({ err: error }, 'could not look at the read-model versions');
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void look(), deps.pollMs ?? 200);
  timer.unref();
  return {
    done,
    async stop() {
      clearInterval(timer);
      while (looking) await new Promise((resolve) => setTimeout(resolve, 10));
      await retire(current.consumer);
      finished();
    },
  };
}
