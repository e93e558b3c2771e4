import { DatabaseSync } from 'node:sqlite';
import type { Collection, CollectionOptions, Doc, Feed, ReadModelStore } from '../port.ts';
import { type ReadModelVersions, followingCollection, followingFeed, unversioned, versionPrefix } from '../versions.ts';
import { SqliteCollection } from './sqlite-collection.ts';
import { SqliteFeed } from './sqlite-feed.ts';
import { SqliteVersions, tablesOf } from './sqlite-versions.ts';

/** What a store and the stores pinned to its versions share: the connection and the open collections. */
interface Shared {
  db: DatabaseSync;
  tables: Map<string, SqliteCollection<Doc> | SqliteFeed>;
  versions: SqliteVersions | undefined;
}

/**
 * The embedded read-model store: one SQLite file, a table per collection and version.
 * Unpinned, its collections read the active version on every call; `versions.at(n)`
 * gives the store pinned to version n, for the projector that writes it.
 */
export class SqliteReadModels implements ReadModelStore {
  readonly #shared: Shared;
  readonly #pinned: number | undefined;
  /** Whether this store opened the file (and so closes it), rather than being pinned to a version of another's. */
  readonly #owner: boolean;
  readonly #following = new Map<string, Collection<Doc>>();
  readonly #followingFeeds = new Map<string, Feed>();
  readonly versions: ReadModelVersions;

  /** Unless `versioned`, the store is version 1 only (the vault, Fedify's store): no record, no lookups. */
  constructor(path: string, options?: { versioned?: boolean });
  constructor(shared: Shared, pinned: number);
  constructor(source: string | Shared, second?: number | { versioned?: boolean }) {
    this.#owner = typeof source === 'string';
    if (typeof source === 'string') {
      const db = new DatabaseSync(source);
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
      // SQLite's default page cache is 2 MB: a home feed of a few hundred thousand rows
      // then reads its index pages back for every write. 64 MB and a memory map keep them.
      db.exec('PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY;');
      const shared: Shared = { db, tables: new Map(), versions: undefined as unknown as SqliteVersions };
      const forget = (version: number) => {
        for (const key of shared.tables.keys()) if (key.startsWith(`${version}:`)) shared.tables.delete(key);
      };
      const versioned = typeof second === 'object' && second.versioned === true;
      // A checkpoint (two fsyncs) ran whenever the log passed 1,000 pages: after every fan-out
      // to a thousand full feeds, one dirty page each. At 16,384 pages (64 MB) it runs once in
      // many posts, and a page that several of them wrote is copied back once.
      if (versioned) db.exec('PRAGMA wal_autocheckpoint = 16384;');
      if (versioned) shared.versions = new SqliteVersions(source, db, (version) => new SqliteReadModels(shared, version), forget);
      this.#shared = shared;
      this.#pinned = versioned ? undefined : 1;
    } else {
      this.#shared = source;
      this.#pinned = second as number;
    }
    this.versions = this.#shared.versions ?? unversioned(this);
  }

  collection<T extends Doc = Doc>(name: string, options: CollectionOptions = {}): Collection<T> {
    if (options.keptAcrossRebuilds) return this.#table<T>(1, name, options);
    if (this.#pinned !== undefined) return this.#table<T>(this.#pinned, name, options);
    let following = this.#following.get(name);
    if (!following) {
      following = followingCollection<Doc>(name, () => this.#table(this.#shared.versions!.activeNow(), name, options));
      this.#following.set(name, following);
    }
    return following as unknown as Collection<T>;
  }

  feed(name: string): Feed {
    if (this.#pinned !== undefined) return this.#feed(this.#pinned, name);
    let following = this.#followingFeeds.get(name);
    if (!following) {
      following = followingFeed(name, () => this.#feed(this.#shared.versions!.activeNow(), name));
      this.#followingFeeds.set(name, following);
    }
    return following;
  }

  async dropAll(): Promise<void> {
    const tables = tablesOf(this.#shared.db, this.#pinned ?? this.#shared.versions!.activeNow());
    const db = this.#shared.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const name of tables) db.exec(`DELETE FROM ${name}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  beginBatch(): void {
    if (!this.#shared.db.isTransaction) this.#shared.db.exec('BEGIN IMMEDIATE');
  }

  async flushBatch(): Promise<void> {
    if (this.#shared.db.isTransaction) this.#shared.db.exec('COMMIT');
  }

  /** Only the store that opened the file closes it; a pinned store leaves it to its owner. */
  async close(): Promise<void> {
    if (!this.#owner) return;
    this.#shared.versions?.close();
    if (this.#shared.db.isOpen) this.#shared.db.close();
  }

  #table<T extends Doc>(version: number, name: string, options: CollectionOptions): Collection<T> {
    const key = `${version}:${name}`;
    let table = this.#shared.tables.get(key);
    if (!table) {
      table = new SqliteCollection<Doc>(this.#shared.db, name, options, versionPrefix(version));
      this.#shared.tables.set(key, table);
    }
    return table as unknown as Collection<T>;
  }

  /** A feed shares the collections' names (and so their versions' drops): one name is either a collection or a feed. */
  #feed(version: number, name: string): Feed {
    const key = `${version}:${name}`;
    let feed = this.#shared.tables.get(key);
    if (!feed) {
      feed = new SqliteFeed(this.#shared.db, name, versionPrefix(version));
      this.#shared.tables.set(key, feed);
    }
    return feed as SqliteFeed;
  }
}

/** `versioned`: the read models proper, which rebuilds replace version by version. */
export function openSqliteReadModels(options: { path: string; versioned?: boolean }): SqliteReadModels {
  return new SqliteReadModels(options.path, { versioned: options.versioned ?? false });
}
