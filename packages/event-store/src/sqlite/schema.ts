import { DatabaseSync } from 'node:sqlite';

/**
 * One table holds every event; `position` (the rowid) is the global order. The unique
 * (stream, revision) pair is the last line of defence for optimistic concurrency.
 */
export function openEventsDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = 10000;
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      stream TEXT NOT NULL,
      revision INTEGER NOT NULL,
      type TEXT NOT NULL,
      version INTEGER NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      time TEXT NOT NULL,
      UNIQUE (stream, revision)
    );
  `);
  return db;
}
