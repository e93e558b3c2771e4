import { EventEmitter } from 'node:events';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/** How far the projector has come in one stream; exact however the log splits streams. */
export interface StreamProgressDoc extends Doc {
  revision: number;
  position: number;
}

export function streamProgress(store: ReadModelStore): Collection<StreamProgressDoc> {
  return store.collection<StreamProgressDoc>('projected_streams');
}

export async function recordProgress(store: ReadModelStore, stream: string, revision: number, position: number) {
  const progress = streamProgress(store);
  const current = await progress.get(stream);
  if (current && current.revision >= revision) return;
  await progress.upsert({ id: stream, revision, position });
  progressed.emit(stream);
}

/**
 * Streams the projector of this process has just passed. A read-your-writes wait in the
 * same process (the embedded mode) wakes on it at once rather than at its next look; a
 * projector in another process is found by looking, as before.
 */
const progressed = new EventEmitter().setMaxListeners(0);

/** Resolves after `ms`, or as soon as this process's projector passes `stream`. */
function nextLook(stream: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      progressed.off(stream, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    progressed.on(stream, done);
  });
}

/**
 * Read-your-writes: waits (bounded) until the projector has passed `revision` of
 * `stream`. Returns false on timeout; the caller then serves what the read model has.
 */
export async function waitForProjection(
  store: ReadModelStore,
  stream: string,
  revision: number,
  timeoutMs = 2000,
): Promise<boolean> {
  const progress = streamProgress(store);
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const current = await progress.get(stream);
    if (current && current.revision >= revision) return true;
    if (Date.now() >= deadline) return false;
    await nextLook(stream, Math.min(delay, Math.max(1, deadline - Date.now())));
  }
}
