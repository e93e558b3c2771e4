import { DatabaseSync } from 'node:sqlite';

/** Consumer-group checkpoints in their own SQLite file: the last global position each group handled. */
export class SqliteCheckpoints {
  readonly #db: DatabaseSync;
  readonly #load;
  readonly #save;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA busy_timeout = 10000;
      CREATE TABLE IF NOT EXISTS checkpoints (consumer_group TEXT PRIMARY KEY, position INTEGER NOT NULL, saved_at TEXT NOT NULL);
    `);
    this.#load = this.#db.prepare('SELECT position FROM checkpoints WHERE consumer_group = ?');
    this.#save = this.#db.prepare(
      `INSERT INTO checkpoints (consumer_group, position, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (consumer_group) DO UPDATE SET position = excluded.position, saved_at = excluded.saved_at`,
    );
  }

  load(group: string): number {
    const row = this.#load.get(group) as { position: number } | undefined;
    return row?.position ?? -1;
  }

  save(group: string, position: number): void {
    this.#save.run(group, position, new Date().toISOString());
  }

  /** Forgets a group, so that it starts again from the beginning (a projection rebuild). */
  reset(group: string): void {
    this.#db.prepare('DELETE FROM checkpoints WHERE consumer_group = ?').run(group);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
