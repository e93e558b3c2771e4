import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

interface KvDoc extends Doc {
  key: string[];
  /** The encoded key again, as a string field: ids may compare as numbers, this one as text. */
  path: string;
  value: unknown;
  /** Epoch ms after which the entry is gone; null for no expiry. */
  expiresAt: number | null;
}

/**
 * Fedify's key–value store (remote documents, public keys, idempotency marks) over our
 * document store port: SQLite in embedded mode, MongoDB in distributed mode. Keys are
 * encoded so that a key prefix is a range of ids, which both engines index.
 */
export class ReadModelKvStore implements KvStore {
  readonly #entries: Collection<KvDoc>;
  readonly #now: () => number;

  constructor(store: ReadModelStore, options: { collection?: string; now?: () => number } = {}) {
    this.#entries = store.collection<KvDoc>(options.collection ?? 'fedify_kv', { indexes: [['path']] });
    this.#now = options.now ?? Date.now;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const doc = await this.#entries.get(encodeKey(key));
    if (!doc) return undefined;
    if (this.#expired(doc)) {
      await this.#entries.delete(doc.id);
      return undefined;
    }
    return doc.value as T;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const ttl = options?.ttl ? options.ttl.total('millisecond') : null;
    await this.#entries.upsert({ id: encodeKey(key), path: encodeKey(key), key: [...key], value, expiresAt: ttl === null ? null : this.#now() + ttl });
  }

  async delete(key: KvKey): Promise<void> {
    await this.#entries.delete(encodeKey(key));
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const docs = !prefix || prefix.length === 0
      ? await this.#entries.find()
      : [
          ...(await this.#entries.getMany([encodeKey(prefix)])),
          ...(await this.#entries.find({ where: { path: { $gte: `${encodeKey(prefix)}/`, $lt: `${encodeKey(prefix)}0` } } })),
        ];
    for (const doc of docs) {
      if (this.#expired(doc)) continue;
      yield { key: doc.key as unknown as KvKey, value: doc.value };
    }
  }

  #expired(doc: KvDoc) {
    return doc.expiresAt !== null && doc.expiresAt <= this.#now();
  }
}

/** Parts are URI-encoded (so none holds a `/`) and joined by `/`, which sorts just before `0`. */
function encodeKey(key: KvKey): string {
  return key.map((part) => encodeURIComponent(part)).join('/');
}
