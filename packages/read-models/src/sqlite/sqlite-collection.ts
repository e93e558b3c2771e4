import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Collection, CollectionOptions, Doc, Filter, FindOptions, SearchOptions } from '../port.ts';
import { statementCache } from './statement-cache.ts';
import { ftsQuery } from './fts.ts';
import { type FieldShapes, type SqlValue, checkField, fieldExpression, orderClause, whereClause } from './sql-filter.ts';

/** One read-model collection as a table of JSON documents, with an FTS5 shadow table when searched. */
export class SqliteCollection<T extends Doc> implements Collection<T> {
  readonly name: string;
  readonly #db: DatabaseSync;
  readonly #table: string;
  readonly #fts: string | undefined;
  /** The FTS row of each document: FTS5 finds rows fast only by rowid, never by an unindexed column. */
  readonly #ftsIds: string;
  readonly #searchFields: string[];
  readonly #shapes: FieldShapes;
  readonly #sql: (text: string) => StatementSync;
  readonly #prefix: string;
  readonly #indexed: Set<string>;

  /** `prefix` names the version the tables belong to (see versionPrefix). */
  constructor(db: DatabaseSync, name: string, options: CollectionOptions, prefix = '') {
    this.name = checkField(name);
    this.#db = db;
    this.#sql = statementCache(db);
    this.#prefix = prefix;
    this.#indexed = new Set((options.indexes ?? []).map((fields) => fields.join('_')));
    this.#table = `${prefix}rm_${name}`;
    this.#searchFields = (options.searchFields ?? []).map(checkField);
    this.#fts = this.#searchFields.length ? `${prefix}fts_${name}` : undefined;
    this.#ftsIds = `${prefix}rm__fts_ids_${name}`;
    this.#shapes = { numeric: new Set(options.numericStringFields ?? []), arrays: new Set(options.arrayFields ?? []) };
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.#table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
    // indexes of an older layout (not ending in the id) go: each one more costs every write
    const older = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'`).all(this.#table) as { name: string }[];
    for (const { name: index } of older) db.exec(`DROP INDEX IF EXISTS "${index}"`);
    for (const fields of options.indexes ?? []) {
      // ending in the id as ORDER BY compares it (length, text), an index serves a sorted page without a sort step
      const columns = [...fields.filter((field) => field !== 'id').map((field) => fieldExpression(field, this.#shapes)), 'length(id)', 'id'];
      db.exec(`CREATE INDEX IF NOT EXISTS ${this.#indexName(fields)} ON ${this.#table} (${columns.join(', ')})`);
    }
    if (this.#fts) {
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${this.#fts} USING fts5(id UNINDEXED, ${this.#searchFields.join(', ')}, tokenize = 'unicode61 remove_diacritics 2')`);
      db.exec(`CREATE TABLE IF NOT EXISTS ${this.#ftsIds} (id TEXT PRIMARY KEY, rid INTEGER NOT NULL) WITHOUT ROWID`);
      // a store made before the map: fill it once from the FTS table
      if (!db.prepare(`SELECT 1 FROM ${this.#ftsIds} LIMIT 1`).get()) db.exec(`INSERT OR REPLACE INTO ${this.#ftsIds} (id, rid) SELECT id, rowid FROM ${this.#fts}`);
    }
  }

  async get(id: string): Promise<T | null> {
    const row = this.#sql(`SELECT doc FROM ${this.#table} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async getMany(ids: string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows = this.#sql(`SELECT doc FROM ${this.#table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids));
    const byId = new Map((rows as { doc: string }[]).map((row) => {
      const doc = JSON.parse(row.doc) as T;
      return [doc.id, doc];
    }));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async upsert(doc: T): Promise<void> {
    this.#transaction(() => this.#write(doc));
  }

  async insert(doc: T): Promise<boolean> {
    return this.#transaction(() => {
      const result = this.#sql(`INSERT INTO ${this.#table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`).run(
        doc.id,
        JSON.stringify(doc),
      );
      if (result.changes > 0) this.#reindex(doc.id, doc);
      return result.changes > 0;
    });
  }

  async upsertMany(docs: T[]): Promise<void> {
    this.#transaction(() => docs.forEach((doc) => this.#write(doc)));
  }

  async patch(id: string, fields: Partial<T>): Promise<boolean> {
    const entries = Object.entries(fields).filter(([key, value]) => key !== 'id' && value !== undefined);
    if (entries.length === 0) return (await this.get(id)) !== null;
    const setters = entries.map(([key]) => `'$.${checkField(key)}', json(?)`).join(', ');
    return this.#transaction(() => {
      const result = this.#sql(`UPDATE ${this.#table} SET doc = json_set(doc, ${setters}) WHERE id = ?`).run(
        ...entries.map(([, value]) => JSON.stringify(value)),
        id,
      );
      // only a change to a searched field touches the full-text index
      if (result.changes > 0 && entries.some(([key]) => this.#searchFields.includes(key))) this.#reindex(id);
      return result.changes > 0;
    });
  }

  async increment(id: string, by: Partial<Record<keyof T & string, number>>): Promise<boolean> {
    const entries = Object.entries(by) as [string, number][];
    if (entries.length === 0) return (await this.get(id)) !== null;
    const setters = entries
      .map(([key]) => `'$.${checkField(key)}', coalesce(json_extract(doc, '$.${key}'), 0) + ?`)
      .join(', ');
    const result = this.#sql(`UPDATE ${this.#table} SET doc = json_set(doc, ${setters}) WHERE id = ?`).run(
      ...entries.map(([, value]) => value),
      id,
    );
    return result.changes > 0;
  }

  async delete(id: string): Promise<boolean> {
    return this.#transaction(() => {
      this.#unindex(id);
      return this.#sql(`DELETE FROM ${this.#table} WHERE id = ?`).run(id).changes > 0;
    });
  }

  async deleteWhere(where: Filter): Promise<number> {
    const { sql, params } = whereClause(where, this.#shapes);
    return this.#transaction(() => {
      if (this.#fts) {
        const ids = `SELECT id FROM ${this.#table} WHERE ${sql}`;
        this.#sql(`DELETE FROM ${this.#fts} WHERE rowid IN (SELECT rid FROM ${this.#ftsIds} WHERE id IN (${ids}))`).run(...params);
        this.#sql(`DELETE FROM ${this.#ftsIds} WHERE id IN (${ids})`).run(...params);
      }
      return Number(this.#sql(`DELETE FROM ${this.#table} WHERE ${sql}`).run(...params).changes);
    });
  }

  async find(options: FindOptions = {}): Promise<T[]> {
    const { sql, params } = whereClause(options.where, this.#shapes);
    const indexed = options.index ? ` INDEXED BY ${this.#indexName(options.index)}` : '';
    const rows = options.unordered
      ? this.#sql(`SELECT doc FROM ${this.#table}${indexed} WHERE ${sql}`).all(...params)
      : this.#sql(`SELECT doc FROM ${this.#table}${indexed} WHERE ${sql} ${orderClause(options.sort, this.#shapes)} LIMIT ? OFFSET ?`).all(
          ...params,
          options.limit ?? -1,
          options.offset ?? 0,
        );
    return (rows as { doc: string }[]).map((row) => JSON.parse(row.doc) as T);
  }

  async ids(options: FindOptions = {}): Promise<string[]> {
    const { sql, params } = whereClause(options.where, this.#shapes);
    const rows = this.#sql(`SELECT id FROM ${this.#table} WHERE ${sql} ${orderClause(options.sort, this.#shapes)} LIMIT ? OFFSET ?`).all(
      ...params,
      options.limit ?? -1,
      options.offset ?? 0,
    );
    return (rows as { id: string }[]).map((row) => row.id);
  }

  async count(where?: Filter): Promise<number> {
    const { sql, params } = whereClause(where, this.#shapes);
    return Number((this.#sql(`SELECT count(*) AS n FROM ${this.#table} WHERE ${sql}`).get(...params) as { n: number }).n);
  }

  async search(text: string, options: SearchOptions = {}): Promise<T[]> {
    const match = ftsQuery(text);
    if (!this.#fts || !match) return [];
    const { sql, params } = whereClause(options.where, this.#shapes, 'd.');
    const rows = this.#sql(
      `SELECT d.doc AS doc FROM ${this.#fts} f JOIN ${this.#table} d ON d.id = f.id
       WHERE ${this.#fts} MATCH ? AND ${sql}
       ORDER BY bm25(${this.#fts}) LIMIT ? OFFSET ?`,
    ).all(match, ...params, options.limit ?? 20, options.offset ?? 0);
    return (rows as { doc: string }[]).map((row) => JSON.parse(row.doc) as T);
  }

  #write(doc: T) {
    this.#sql(`INSERT INTO ${this.#table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`).run(
      doc.id,
      JSON.stringify(doc),
    );
    this.#reindex(doc.id, doc);
  }

  #reindex(id: string, known?: T) {
    if (!this.#fts) return;
    const doc = known ?? (JSON.parse((this.#sql(`SELECT doc FROM ${this.#table} WHERE id = ?`).get(id) as { doc: string }).doc) as T);
    this.#unindex(id);
    const values = this.#searchFields.map((field) => searchableText(doc[field]));
    const marks = this.#searchFields.map(() => '?').join(', ');
    const { lastInsertRowid } = this.#sql(`INSERT INTO ${this.#fts} (id, ${this.#searchFields.join(', ')}) VALUES (?, ${marks})`).run(id, ...values);
    this.#sql(`INSERT INTO ${this.#ftsIds} (id, rid) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET rid = excluded.rid`).run(id, lastInsertRowid);
  }

  #unindex(id: string) {
    if (!this.#fts) return;
    const row = this.#sql(`SELECT rid FROM ${this.#ftsIds} WHERE id = ?`).get(id) as { rid: number } | undefined;
    if (!row) return;
    this.#sql(`DELETE FROM ${this.#fts} WHERE rowid = ?`).run(row.rid);
    this.#sql(`DELETE FROM ${this.#ftsIds} WHERE id = ?`).run(id);
  }

  /** A declared index's name; asking for one not declared is a programming error. */
  #indexName(fields: string[]): string {
    const key = fields.join('_');
    if (!this.#indexed.has(key)) throw new Error(`${this.name} declares no index on (${fields.join(', ')})`);
    return `${this.#prefix}ixo_${this.name}_${key}`;
  }

  #transaction<R>(work: () => R): R {
    if (this.#db.isTransaction) return work();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

}

function searchableText(value: unknown): SqlValue {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}
