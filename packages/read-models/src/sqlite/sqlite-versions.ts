import { resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ReadModelStore } from '../port.ts';
import { type ReadModelVersions, type VersionState, initialVersionState, versionPrefix } from '../versions.ts';

/**
 * The version record of a SQLite read-model file, in a small file beside it
 * (`read-models.db` → `read-models.versions.db`). Not in the same file: a projector holds
 * the store's write lock through a whole batch, and a process that then tried to change
 * the record on a second connection to that file would wait on itself (node:sqlite is
 * synchronous). The record must also be seen by every process at once, not when a batch
 * commits.
 */
export class SqliteVersions implements ReadModelVersions {
  readonly #db: DatabaseSync;
  readonly #ownsDb: boolean;
  readonly #store: DatabaseSync;
  readonly #read: StatementSync;
  readonly #pin: (version: number) => ReadModelStore;
  readonly #forget: (version: number) => void;
  /** Which record this is, for the turn's value: the file (stores of one file in this process share it). */
  readonly #key: string;

  /** `forget` lets go of a dropped version's open collections. */
  constructor(path: string, store: DatabaseSync, pin: (version: number) => ReadModelStore, forget: (version: number) => void) {
    this.#forget = forget;
    this.#ownsDb = path !== ':memory:';
    this.#key = this.#ownsDb ? resolve(versionsFileOf(path)) : `:memory:${++memoryStores}`;
    this.#db = this.#ownsDb ? new DatabaseSync(versionsFileOf(path)) : store;
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000;');
    this.#db.exec('CREATE TABLE IF NOT EXISTS read_model_versions (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)');
    this.#read = this.#db.prepare('SELECT state FROM read_model_versions WHERE id = 1');
    this.#store = store;
    this.#pin = pin;
  }

  /**
   * The active version, read once per turn of the event loop: a request makes a dozen
   * read-model calls in one turn (node:sqlite is synchronous) and each read of the record
   * is a statement on a second file. A switch made here is seen at once (`update` forgets
   * the turn's value); one made by another process, from the next turn.
   */
  activeNow(): number {
    let active = activeThisTurn.get(this.#key);
    if (active === undefined) {
      active = this.#current().active;
      activeThisTurn.set(this.#key, active);
      setImmediate(() => activeThisTurn.delete(this.#key)).unref();
    }
    return active;
  }

  async state(): Promise<VersionState> {
    return this.#current();
  }

  async update(change: (state: VersionState) => VersionState | null): Promise<VersionState | null> {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const next = change(this.#current());
      if (next) {
        this.#db
          .prepare('INSERT INTO read_model_versions (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state')
          .run(JSON.stringify(next));
      }
      this.#db.exec('COMMIT');
      activeThisTurn.delete(this.#key);
      return next;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  at(version: number): ReadModelStore {
    return this.#pin(version);
  }

  async drop(version: number, keep: readonly string[] = []): Promise<void> {
    if (version === this.activeNow()) throw new Error(`version ${version} is the active one: it cannot be dropped`);
    const kept = new Set(keep.flatMap((name) => [`rm_${name}`, `fts_${name}`, `rm__fts_ids_${name}`]));
    const tables = tablesOf(this.#store, version).filter((name) => !kept.has(name));
    this.#store.exec('BEGIN IMMEDIATE');
    try {
      // an FTS5 table takes its shadow tables with it
      for (const name of tables) this.#store.exec(`DROP TABLE IF EXISTS ${name}`);
      this.#store.exec('COMMIT');
      this.#forget(version);
    } catch (error) {
      this.#store.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    if (this.#ownsDb && this.#db.isOpen) this.#db.close();
  }

  /** The record as last read, so a read that finds it unchanged (nearly every one) does not parse it again. */
  #last: { text: string; state: VersionState } | undefined;

  #current(): VersionState {
    const row = this.#read.get() as { state: string } | undefined;
    if (!row) return initialVersionState;
    if (this.#last?.text !== row.state) this.#last = { text: row.state, state: JSON.parse(row.state) as VersionState };
    return this.#last.state;
  }
}

/** The active version of each record read in this turn of the event loop, by file. */
const activeThisTurn = new Map<string, number>();
let memoryStores = 0;

/** Where the version record of a read-model file lives. */
export function versionsFileOf(path: string): string {
  return `${path.replace(/\.db$/, '')}.versions.db`;
}

/** A version's collection tables and FTS5 tables (whose shadow tables FTS5 keeps itself), FTS5 ones first. */
export function tablesOf(db: DatabaseSync, version: number): string[] {
  const prefix = versionPrefix(version);
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND (substr(name, 1, length(?)) = ? OR (sql LIKE 'CREATE VIRTUAL TABLE%' AND substr(name, 1, length(?)) = ?))
       ORDER BY sql LIKE 'CREATE VIRTUAL TABLE%' DESC, name`,
    )
    .all(`${prefix}rm_`, `${prefix}rm_`, `${prefix}fts_`, `${prefix}fts_`) as { name: string }[];
  return rows.map((row) => row.name);
}
