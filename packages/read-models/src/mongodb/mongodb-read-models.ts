import { MongoClient, type Db } from 'mongodb';
import type { Collection, CollectionOptions, Doc, Feed, ReadModelStore } from '../port.ts';
import { FEED_COLLECTION_OPTIONS, type FeedEntryDoc, collectionFeed } from '../collection-feed.ts';
import { type ReadModelVersions, followingCollection, unversioned, versionPrefix } from '../versions.ts';
import { MongoReadModelCollection } from './mongodb-collection.ts';
import { MongoVersions, collectionsOf } from './mongodb-versions.ts';

interface Shared {
  client: MongoClient;
  db: Db;
  collections: Map<string, MongoReadModelCollection<Doc>>;
  versions: MongoVersions | undefined;
}

/**
 * The distributed read-model store on MongoDB through the official driver: a collection
 * per read model and version. Unpinned, its collections read the active version (looked
 * up at most once a second); `versions.at(n)` is the store pinned to version n.
 */
export class MongoReadModels implements ReadModelStore {
  readonly #shared: Shared;
  readonly #pinned: number | undefined;
  readonly #owner: boolean;
  readonly #following = new Map<string, Collection<Doc>>();
  readonly versions: ReadModelVersions;

  /** Unless `versioned`, the store is version 1 only (the vault, Fedify's store): no record, no lookups. */
  constructor(client: MongoClient, dbName?: string, options?: { versioned?: boolean });
  constructor(shared: Shared, pinned: number);
  constructor(source: MongoClient | Shared, second?: string | number, options: { versioned?: boolean } = {}) {
    this.#owner = source instanceof MongoClient;
    if (source instanceof MongoClient) {
      const db = source.db(second as string | undefined);
      const shared: Shared = { client: source, db, collections: new Map(), versions: undefined };
      if (options.versioned) shared.versions = new MongoVersions(db, (version) => new MongoReadModels(shared, version));
      this.#shared = shared;
      this.#pinned = options.versioned ? undefined : 1;
    } else {
      this.#shared = source;
      this.#pinned = second as number;
    }
    this.versions = this.#shared.versions ?? unversioned(this);
  }

  collection<T extends Doc = Doc>(name: string, options: CollectionOptions = {}): Collection<T> {
    if (options.keptAcrossRebuilds) return this.#at<T>(1, name, options);
    if (this.#pinned !== undefined) return this.#at<T>(this.#pinned, name, options);
    let following = this.#following.get(name);
    if (!following) {
      following = followingCollection<Doc>(name, async () => this.#at(await this.#shared.versions!.activeSoon(), name, options));
      this.#following.set(name, following);
    }
    return following as unknown as Collection<T>;
  }

  /** Documents are MongoDB's narrowest unit: a feed is a collection of entry documents (the layout home feeds always had). */
  feed(name: string): Feed {
    return collectionFeed(this.collection<FeedEntryDoc>(name, FEED_COLLECTION_OPTIONS));
  }

  async dropAll(): Promise<void> {
    // empty every collection of the version but keep its indexes: projections refill them at once
    const version = this.#pinned ?? (await this.versions.state()).active;
    const names = await collectionsOf(this.#shared.db, version);
    await Promise.all(names.map((name) => this.#shared.db.collection(name).deleteMany({})));
  }

  /** Each MongoDB write is durable on its own; projector steps are idempotent, so a retried step repairs a partial one. */
  beginBatch(): void {}

  async flushBatch(): Promise<void> {}

  /** Only the store that connected closes the client; a pinned store leaves it to its owner. */
  async close(): Promise<void> {
    if (this.#owner) await this.#shared.client.close();
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

/** `versioned`: the read models proper, which rebuilds replace version by version. */
export async function connectMongoReadModels(options: { url: string; dbName?: string; versioned?: boolean }): Promise<MongoReadModels> {
  const client = new MongoClient(options.url);
  await client.connect();
  return new MongoReadModels(client, options.dbName, { versioned: options.versioned ?? false });
}
