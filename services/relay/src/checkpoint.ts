import type { Doc, ReadModelStore } from '@strata/read-models';
import type { RelayCheckpoint } from './index.ts';

interface CheckpointDoc extends Doc {
  position: number;
  savedAt: string;
}

/** The relay's position in the store, kept in a database of its own so projection rebuilds never touch it. */
export function readModelCheckpoint(store: ReadModelStore, name = 'relay'): RelayCheckpoint {
  const checkpoints = store.collection<CheckpointDoc>('relay_checkpoints');
  return {
    async load() {
      return (await checkpoints.get(name))?.position ?? -1;
    },
    async save(position) {
      await checkpoints.upsert({ id: name, position, savedAt: new Date().toISOString() });
    },
  };
}
