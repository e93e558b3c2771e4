import { randomUUID } from 'node:crypto';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/**
 * Relations (blocks, mutes, domain blocks, filters, the suspended and silenced lists) are
 * read on every timeline request and change rarely. They are kept per viewer and
 * invalidated from the event stream: the projector stamps a new value into
 * `relations_stamp`, in the same transaction as the change, after every event that may
 * change a relation (see `keepsRelations`). A reader compares the stamp (one lookup by
 * id) with the one its cache was filled under, so a cached relation is never older than
 * what the read models show; a read-your-writes wait for a block sees the new stamp too.
 */
interface RelationsStampDoc extends Doc {
  stamp: string;
}

const STAMP_ID = 'current';
/** Beyond this many viewers the cache starts over: it holds the active ones, never everyone. */
const MAX_VIEWERS = 5000;

function stamps(store: ReadModelStore): Collection<RelationsStampDoc> {
  return store.collection<RelationsStampDoc>('relations_stamp');
}

/** The projector's side: relations may have changed with this event. */
export async function stampRelationsChanged(store: ReadModelStore): Promise<void> {
  await stamps(store).upsert({ id: STAMP_ID, stamp: randomUUID() });
}

interface Generation {
  stamp: string;
  values: Map<string, Promise<unknown>>;
}

const generations = new WeakMap<ReadModelStore, Generation>();

/** The relations of one generation (one stamp), read and loaded by key. */
export interface RelationsReader {
  /** `load`'s value for `key`, loaded on the first read under this stamp. */
  one<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** The values of many keys; the ones not loaded yet under this stamp are loaded together, by `loadMissing`. */
  many<T>(keys: readonly string[], loadMissing: (missing: string[]) => Promise<ReadonlyMap<string, T>>): Promise<Map<string, T>>;
}

/**
 * The relations as of the current stamp, read once: for a caller that needs many viewers'
 * relations at one moment (a streamed event's recipients) instead of one stamp lookup each.
 * Values are shared between requests: treat them as read-only.
 */
export async function currentRelations(store: ReadModelStore): Promise<RelationsReader> {
  const stamp = (await stamps(store).get(STAMP_ID))?.stamp ?? 'none';
  const values = () => {
    let generation = generations.get(store);
    if (!generation || generation.stamp !== stamp || generation.values.size >= MAX_VIEWERS) {
      // loads begun under an older stamp finish into the old generation, never into this one
      generation = { stamp, values: new Map() };
      generations.set(store, generation);
    }
    return generation.values;
  };
  const remember = <T>(into: Map<string, Promise<unknown>>, key: string, value: Promise<T>) => {
    into.set(key, value);
    value.catch(() => into.delete(key));
    return value;
  };
  return {
    one<T>(key: string, load: () => Promise<T>): Promise<T> {
      const into = values();
      return (into.get(key) as Promise<T> | undefined) ?? remember(into, key, load());
    },
    async many<T>(keys: readonly string[], loadMissing: (missing: string[]) => Promise<ReadonlyMap<string, T>>): Promise<Map<string, T>> {
      const into = values();
      const missing = keys.filter((key) => !into.has(key));
      if (missing.length > 0) {
        const loaded = loadMissing(missing);
        for (const key of missing) remember(into, key, loaded.then((found) => (found.has(key) ? found.get(key)! : Promise.reject(new Error(`${key} was not loaded`)))));
      }
      return new Map(await Promise.all(keys.map(async (key) => [key, await (into.get(key) as Promise<T>)] as const)));
    },
  };
}
