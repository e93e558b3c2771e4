import { MongoClient, type Db } from 'mongodb';
import type { Collection, CollectionOptions, Doc, ReadModelStore } from '../port.ts';
import { MongoReadModelCollection } from './mongodb-collection.ts';

/** The distributed read-model store on MongoDB through the official driver. */
export class MongoReadModels implements ReadModelStore {
  readonly #client: MongoClient;
  readonly #db: Db;
  readonly #collections = new Map<string, MongoReadModelCollection<Doc>>();

  constructor(client: MongoClient, dbName?: string) {
    this.#client = client;
    this.#db = client.db(dbName);
  }

  collection<T extends Doc = Doc>(name: string, options: CollectionOptions = {}): Collection<T> {
    let collection = this.#collections.get(name);
    if (!collection) {
      collection = new MongoReadModelCollection<Doc>(this.#db, name, options);
      this.#collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async dropAll(): Promise<void> {
    // empty every collection but keep its indexes: projections refill them at once
    const collections = await this.#db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(collections.map(({ name }) => this.#db.collection(name).deleteMany({})));
  }

  /** Each MongoDB write is durable on its own; projector steps are idempotent, so a retried step repairs a partial one. */
  beginBatch(): void {}

  async flushBatch(): Promise<void> {}

  async close(): Promise<void> {
    await this.#client.close();
  }
}

export async function connectMongoReadModels(options: { url: string; dbName?: string }): Promise<MongoReadModels> {
  const client = new MongoClient(options.url);
  await client.connect();
  return new MongoReadModels(client, options.dbName);
}
