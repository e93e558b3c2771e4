import type { DatabaseSync } from 'node:sqlite';

export interface JobRow {
  id: string;
  queue: string;
  payload: string;
  attempts: number;
  max_attempts: number;
  correlation_id: string | null;
}

export interface DeadLetterRow {
  id: string;
  queue: string;
  payload: string;
  attempts: number;
  error: string;
  failed_at: string;
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
      locked_until INTEGER,
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
  // files from before the lease had its own column
  const columns = db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'locked_until')) db.exec('ALTER TABLE jobs ADD COLUMN locked_until INTEGER');
  if (!columns.some((column) => column.name === 'correlation_id')) db.exec('ALTER TABLE jobs ADD COLUMN correlation_id TEXT');
  return {
    insert: db.prepare('INSERT INTO jobs (id, queue, payload, run_at, max_attempts, correlation_id) VALUES (?, ?, ?, ?, ?, ?)'),
    // a job is free when due and not leased, or leased by a worker that stopped renewing (died)
    claim: db.prepare(
      `UPDATE jobs SET locked_until = $lockedUntil, attempts = attempts + 1
       WHERE id = (
         SELECT id FROM jobs
         WHERE queue = $queue AND run_at <= $now AND (locked_until IS NULL OR locked_until <= $now)
         ORDER BY run_at LIMIT 1)
       RETURNING id, queue, payload, attempts, max_attempts, correlation_id`,
    ),
    renewLease: db.prepare('UPDATE jobs SET locked_until = ? WHERE id = ?'),
    retry: db.prepare('UPDATE jobs SET run_at = ?, locked_until = NULL, last_error = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    bury: db.prepare('INSERT INTO dead_letters (id, queue, payload, attempts, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)'),
    deadLetters: db.prepare('SELECT * FROM dead_letters WHERE queue = ? ORDER BY failed_at, id LIMIT ?'),
    depths: db.prepare(
      `SELECT queue, sum(waiting) AS waiting, sum(dead) AS deadLetters FROM (
         SELECT queue, count(*) AS waiting, 0 AS dead FROM jobs GROUP BY queue
         UNION ALL SELECT queue, 0, count(*) FROM dead_letters GROUP BY queue)
       GROUP BY queue ORDER BY queue`,
    ),
    nextDue: db.prepare('SELECT min(max(run_at, coalesce(locked_until, 0))) AS due FROM jobs WHERE queue = ?'),
  };
}

export type JobStatements = ReturnType<typeof prepareJobStatements>;

/** Runs `work` in a write transaction taken up front, so two processes never claim one job. */
export function immediately<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
