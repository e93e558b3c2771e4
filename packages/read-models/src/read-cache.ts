import type { Collection, Doc, ReadModelStore } from './port.ts';

/**
 * A read-through cache in front of some collections, for readers that render one change
 * for many recipients at once (the streaming service): each document is read once per
 * `ttlMs` instead of once per recipient. Only for readers that can live with data that
 * old; writes pass straight through.
 */
export function withReadCache(store: ReadModelStore, collections: string[], ttlMs: number, maxEntries = 10_000): ReadModelStore {
  const wrapped = new Map<string, Collection<Doc>>();
  const cachedCollection = <T extends Doc>(inner: Collection<T>): Collection<T> => {
    const entries = new Map<string, { doc: T | null; until: number }>();
    const remember = (id: string, doc: T | null) => {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(id, { doc, until: Date.now() + ttlMs });
    };
    const fresh = (id: string) => {
      const entry = entries.get(id);
      return entry && entry.until > Date.now() ? entry : undefined;
    };
    const get = async (id: string) => {
      const hit = fresh(id);
      if (hit) return hit.doc;
      const doc = await inner.get(id);
      remember(id, doc);
      return doc;
    };
    const getMany = async (ids: string[]) => {
      const missing = ids.filter((id) => !fresh(id));
      if (missing.length) {
        const found = new Map((await inner.getMany(missing)).map((doc) => [doc.id, doc]));
        for (const id of missing) remember(id, found.get(id) ?? null);
      }
      return ids.flatMap((id) => fresh(id)?.doc ?? []);
    };
    return new Proxy(inner, {
      get(target, property) {
        if (property === 'get') return get;
        if (property === 'getMany') return getMany;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return {
    collection<T extends Doc = Doc>(name: string, options?: Parameters<ReadModelStore['collection']>[1]): Collection<T> {
      const inner = store.collection<T>(name, options);
      if (!collections.includes(name)) return inner;
      let cached = wrapped.get(name);
      if (!cached) {
        cached = cachedCollection(inner) as unknown as Collection<Doc>;
        wrapped.set(name, cached);
      }
      return cached as unknown as Collection<T>;
    },
    feed: (name) => store.feed(name),
    versions: store.versions,
    dropAll: () => store.dropAll(),
    beginBatch: () => store.beginBatch(),
    flushBatch: () => store.flushBatch(),
    close: () => store.close(),
  };
}
