import type { Collection as MongoCollection, Db, Filter as MongoFilter } from 'mongodb';
import type { Collection, CollectionOptions, Doc, Filter, FindOptions, SearchOptions } from '../port.ts';
import { padId, shadowOf, toMongoFilter, toMongoSort } from './mongo-filter.ts';

type Stored = { _id: string; [field: string]: unknown };

/** One read-model collection as a MongoDB collection; `_id` is the document id. */
export class MongoReadModelCollection<T extends Doc> implements Collection<T> {
  readonly name: string;
  readonly #collection: MongoCollection<Stored>;
  readonly #numeric: ReadonlySet<string>;
  readonly #searchFields: string[];
  readonly #ready: Promise<unknown>;

  /** `prefix` names the version the collection belongs to (see versionPrefix). */
  constructor(db: Db, name: string, options: CollectionOptions, prefix = '') {
    this.name = name;
    this.#collection = db.collection<Stored>(`${prefix}${name}`);
    this.#numeric = new Set(options.numericStringFields ?? []);
    this.#searchFields = options.searchFields ?? [];
    const indexes = (options.indexes ?? []).map((fields) => this.#collection.createIndex(this.#indexSpec(fields)));
    indexes.push(this.#collection.createIndex({ [shadowOf('id')]: 1 }));
    if (this.#searchFields.length) {
      indexes.push(this.#collection.createIndex(Object.fromEntries(this.#searchFields.map((f) => [f, 'text']))));
    }
    this.#ready = Promise.all(indexes);
  }

  /** A declared index's key pattern: how it is created and how a find names it. */
  #indexSpec(fields: string[]): Record<string, 1> {
    return Object.fromEntries(fields.map((f) => [this.#numeric.has(f) ? shadowOf(f) : f, 1]));
  }

  async get(id: string): Promise<T | null> {
    await this.#ready;
    const stored = await this.#collection.findOne({ _id: id });
    return stored ? this.#fromStored(stored) : null;
  }

  async getMany(ids: string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    await this.#ready;
    const found = await this.#collection.find({ _id: { $in: ids } }).toArray();
    const byId = new Map(found.map((stored) => [stored._id, this.#fromStored(stored)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async upsert(doc: T): Promise<void> {
    await this.#ready;
    await this.#collection.replaceOne({ _id: doc.id }, this.#toStored(doc), { upsert: true });
  }

  async insert(doc: T): Promise<boolean> {
    await this.#ready;
    try {
      await this.#collection.insertOne(this.#toStored(doc));
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  async upsertMany(docs: T[]): Promise<void> {
    if (docs.length === 0) return;
    await this.#ready;
    await this.#collection.bulkWrite(
      docs.map((doc) => ({ replaceOne: { filter: { _id: doc.id }, replacement: this.#toStored(doc), upsert: true } })),
      { ordered: true },
    );
  }

  async patch(id: string, fields: Partial<T>): Promise<boolean> {
    await this.#ready;
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'id' || value === undefined) continue;
      set[key] = value;
      if (this.#numeric.has(key)) set[shadowOf(key)] = padId(value);
    }
    if (Object.keys(set).length === 0) return (await this.get(id)) !== null;
    return (await this.#collection.updateOne({ _id: id }, { $set: set })).matchedCount > 0;
  }

  async increment(id: string, by: Partial<Record<keyof T & string, number>>): Promise<boolean> {
    await this.#ready;
    return (await this.#collection.updateOne({ _id: id }, { $inc: by as never })).matchedCount > 0;
  }

  async delete(id: string): Promise<boolean> {
    await this.#ready;
    return (await this.#collection.deleteOne({ _id: id })).deletedCount > 0;
  }

  async deleteWhere(where: Filter): Promise<number> {
    await this.#ready;
    return (await this.#collection.deleteMany(this.#filter(where))).deletedCount;
  }

  async find(options: FindOptions = {}): Promise<T[]> {
    await this.#ready;
    let cursor = this.#collection.find(this.#filter(options.where));
    if (!options.unordered) cursor = cursor.sort(toMongoSort(options.sort, this.#numeric));
    if (options.index) cursor = cursor.hint(this.#indexSpec(options.index));
    if (options.offset) cursor = cursor.skip(options.offset);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map((stored) => this.#fromStored(stored));
  }

  async ids(options: FindOptions = {}): Promise<string[]> {
    await this.#ready;
    let cursor = this.#collection.find(this.#filter(options.where), { projection: { _id: 1 } }).sort(toMongoSort(options.sort, this.#numeric));
    if (options.offset) cursor = cursor.skip(options.offset);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()).map((stored) => stored._id);
  }

  async count(where?: Filter): Promise<number> {
    await this.#ready;
    return this.#collection.countDocuments(this.#filter(where));
  }

  /**
   * Whole words through the text index, ranked by score; when they are too few, the
   * last word also as a prefix (what someone still typing means), unranked after them.
   */
  async search(text: string, options: SearchOptions = {}): Promise<T[]> {
    const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu)?.slice(0, 32);
    if (!this.#searchFields.length || !words?.length) return [];
    await this.#ready;
    const limit = options.limit ?? 20;
    const offset = options.offset ?? 0;
    const filter = this.#filter(options.where);
    const ranked = await this.#collection
      .find({ ...(filter as Record<string, unknown>), $text: { $search: words.map((w) => `"${w}"`).join(' ') } }, { projection: { score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .limit(offset + limit)
      .toArray();
    const found = ranked.map(({ score: _score, ...stored }) => stored as Stored);
    if (found.length < offset + limit) {
      const prefix = new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(words.at(-1)!)}`, 'iu');
      const whole = words.slice(0, -1).map((w) => new RegExp(escapeRegExp(w), 'iu'));
      const more = await this.#collection
        .find({
          ...(filter as Record<string, unknown>),
          _id: { $nin: found.map((s) => s._id) },
          $and: [prefix, ...whole].map((pattern) => ({ $or: this.#searchFields.map((f) => ({ [f]: pattern })) })),
        })
        .limit(offset + limit - found.length)
        .toArray();
      found.push(...more);
    }
    return found.slice(offset, offset + limit).map((stored) => this.#fromStored(stored));
  }

  #filter(where: Filter | undefined): MongoFilter<Stored> {
    return toMongoFilter(where, this.#numeric) as MongoFilter<Stored>;
  }

  #toStored(doc: T): Stored {
    const { id, ...fields } = doc;
    const stored: Stored = { _id: id, ...fields, [shadowOf('id')]: padId(id) };
    for (const field of this.#numeric) if (field in fields) stored[shadowOf(field)] = padId(fields[field]);
    return stored;
  }

  #fromStored(stored: Stored): T {
    const doc: Record<string, unknown> = { id: stored._id };
    for (const [key, value] of Object.entries(stored)) if (key !== '_id' && !key.startsWith('__n_')) doc[key] = value;
    return doc as T;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
