import type { DatabaseSync } from 'node:sqlite';

export interface JobRow {
  id: string;
  queue: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

export function prepareJobStatements(db: DatabaseSync) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS jobs (
      id TEXT PRIMARY KEY,
      queue TEXT NOT NULL,
      payload TEXT NOT NULL,
      run_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      last_error TEXT
    );
    CREATE INDEX IF NOT EXISTS jobs_due ON jobs (queue, run_at);
    CREATE TABLE IF NOT EXISTS dead_letters (
      id TEXT PRIMARY KEY,
      queue TEXT NOT NULL,
      payload TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      error TEXT NOT NULL,
      failed_at TEXT NOT NULL
    );
  `);
  return {
    insert: db.prepare('INSERT INTO jobs (id, queue, payload, run_at, max_attempts) VALUES (?, ?, ?, ?, ?)'),
    // the lease is the new run_at: a job whose worker died becomes due again when it runs out
    claim: db.prepare(
      `UPDATE jobs SET run_at = ?, attempts = attempts + 1
       WHERE id = (SELECT id FROM jobs WHERE queue = ? AND run_at <= ? ORDER BY run_at LIMIT 1)
       RETURNING id, queue, payload, attempts, max_attempts`,
    ),
    retry: db.prepare('UPDATE jobs SET run_at = ?, last_error = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    bury: db.prepare('INSERT INTO dead_letters (id, queue, payload, attempts, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)'),
    deadLetters: db.prepare('SELECT * FROM dead_letters WHERE queue = ? ORDER BY failed_at LIMIT ?'),
    nextRunAt: db.prepare('SELECT min(run_at) AS run_at FROM jobs WHERE queue = ?'),
  };
}
