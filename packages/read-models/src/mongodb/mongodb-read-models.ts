import { MongoClient, type Db } from 'mongodb';
import type { Collection, CollectionOptions, Doc, ReadModelStore } from '../port.ts';
import { type ReadModelVersions, followingCollection, versionPrefix } from '../versions.ts';
import { MongoReadModelCollection } from './mongodb-collection.ts';
import { MongoVersions } from './mongodb-versions.ts';

interface Shared {
  client: MongoClient;
  db: Db;
  collections: Map<string, MongoReadModelCollection<Doc>>;
  versions: MongoVersions;
}

/**
 * The distributed read-model store on MongoDB through the official driver: a collection
 * per read model and version. Unpinned, its collections read the active version (looked
 * up at most once a second); `versions.at(n)` is the store pinned to version n.
 */
export class MongoReadModels implements ReadModelStore {
  readonly #shared: Shared;
  readonly #pinned: number | undefined;
  readonly #following = new Map<string, Collection<Doc>>();
  readonly versions: ReadModelVersions;

  constructor(client: MongoClient, dbName?: string);
  constructor(shared: Shared, pinned: number);
  constructor(source: MongoClient | Shared, second?: string | number) {
    if (source instanceof MongoClient) {
      const db = source.db(second as string | undefined);
      const shared: Shared = { client: source, db, collections: new Map(), versions: undefined as unknown as MongoVersions };
      shared.versions = new MongoVersions(db, (version) => new MongoReadModels(shared, version));
      this.#shared = shared;
      this.#pinned = undefined;
    } else {
      this.#shared = source;
      this.#pinned = second as number;
    }
    this.versions = this.#shared.versions;
  }

  collection<T extends Doc = Doc>(name: string, options: CollectionOptions = {}): Collection<T> {
    if (options.keptAcrossRebuilds) return this.#at<T>(1, name, options);
    if (this.#pinned !== undefined) return this.#at<T>(this.#pinned, name, options);
    let following = this.#following.get(name);
    if (!following) {
      following = followingCollection<Doc>(name, async () => this.#at(await this.#shared.versions.activeSoon(), name, options));
      this.#following.set(name, following);
    }
    return following as unknown as Collection<T>;
  }

  async dropAll(): Promise<void> {
    // empty every collection of the version but keep its indexes: projections refill them at once
    const version = this.#pinned ?? (await this.#shared.versions.state()).active;
    const names = await this.#shared.versions.collectionsOf(version);
    await Promise.all(names.map((name) => this.#shared.db.collection(name).deleteMany({})));
  }

  /** Each MongoDB write is durable on its own; projector steps are idempotent, so a retried step repairs a partial one. */
  beginBatch(): void {}

  async flushBatch(): Promise<void> {}

  /** Only the store that connected closes the client; a pinned store leaves it to its owner. */
  async close(): Promise<void> {
    if (this.#pinned === undefined) await this.#shared.client.close();
  }

  #at<T extends Doc>(version: number, name: string, options: CollectionOptions): Collection<T> {
    const key = `${version}:${name}`;
    let collection = this.#shared.collections.get(key);
    if (!collection) {
      collection = new MongoReadModelCollection<Doc>(this.#shared.db, name, options, versionPrefix(version));
      this.#shared.collections.set(key, collection);
    }
    return collection as unknown as Collection<T>;
  }
}

export async function connectMongoReadModels(options: { url: string; dbName?: string }): Promise<MongoReadModels> {
  const client = new MongoClient(options.url);
  await client.connect();
  return new MongoReadModels(client, options.dbName);
}
