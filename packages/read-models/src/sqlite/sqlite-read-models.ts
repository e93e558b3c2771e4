import { DatabaseSync } from 'node:sqlite';
import type { Collection, CollectionOptions, Doc, ReadModelStore } from '../port.ts';
import { SqliteCollection } from './sqlite-collection.ts';

/** The embedded read-model store: one SQLite file, a table per collection. */
export class SqliteReadModels implements ReadModelStore {
  readonly #db: DatabaseSync;
  readonly #collections = new Map<string, SqliteCollection<Doc>>();

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
    // SQLite's default page cache is 2 MB: a home feed of a few hundred thousand rows
    // then reads its index pages back for every write. 64 MB and a memory map keep them.
    this.#db.exec('PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;');
  }

  collection<T extends Doc = Doc>(name: string, options: CollectionOptions = {}): Collection<T> {
    let collection = this.#collections.get(name);
    if (!collection) {
      collection = new SqliteCollection<Doc>(this.#db, name, options);
      this.#collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async dropAll(): Promise<void> {
    const tables = this.#db
      // the collections' tables and their FTS5 tables (whose shadow tables FTS5 keeps itself)
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND (substr(name, 1, 3) = 'rm_' OR sql LIKE 'CREATE VIRTUAL TABLE%')`,
      )
      .all() as { name: string }[];
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const { name } of tables) this.#db.exec(`DELETE FROM ${name}`);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  beginBatch(): void {
    if (!this.#db.isTransaction) this.#db.exec('BEGIN IMMEDIATE');
  }

  async flushBatch(): Promise<void> {
    if (this.#db.isTransaction) this.#db.exec('COMMIT');
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

export function openSqliteReadModels(options: { path: string }): SqliteReadModels {
  return new SqliteReadModels(options.path);
}
