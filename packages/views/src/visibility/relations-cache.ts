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

/** Reads `key`'s value of one generation of relations, loading it on the first read. */
export type RelationsReader = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * The relations as of the current stamp, read once: for a caller that needs many viewers'
 * relations at one moment (a streamed event's recipients) instead of one stamp lookup each.
 * Values are shared between requests: treat them as read-only.
 */
export async function currentRelations(store: ReadModelStore): Promise<RelationsReader> {
  const stamp = (await stamps(store).get(STAMP_ID))?.stamp ?? 'none';
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let generation = generations.get(store);
    if (!generation || generation.stamp !== stamp || generation.values.size >= MAX_VIEWERS) {
      // loads begun under an older stamp finish into the old generation, never into this one
      generation = { stamp, values: new Map() };
      generations.set(store, generation);
    }
    const values = generation.values;
    let value = values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      values.set(key, value);
      value.catch(() => values.delete(key));
    }
    return value;
  };
}

/** `load`'s value for `key` as of the current relations stamp: loaded once per stamp. */
export async function rememberedRelation<T>(store: ReadModelStore, key: string, load: () => Promise<T>): Promise<T> {
  return (await currentRelations(store))(key, load);
}
