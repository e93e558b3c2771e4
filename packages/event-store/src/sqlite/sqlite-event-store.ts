import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@strata/kernel';
import type {
  AppendOptions,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoreSubscription,
  SubscribeAllOptions,
} from '../port.ts';
import { type EventRow, toRecordedEvent } from './rows.ts';
import { openEventsDatabase } from './schema.ts';
import { PollingSubscription } from './subscription.ts';

export interface SqliteEventStoreOptions {
  path: string;
  /** How often an idle subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
}

const MAX_LIMIT = Number.MAX_SAFE_INTEGER;

/** The embedded event store: one SQLite file in WAL mode, safe for several processes. */
export class SqliteEventStore implements EventStore {
  readonly #db: DatabaseSync;
  readonly #statements: ReturnType<typeof prepare>;
  readonly #appended = new EventEmitter();
  readonly #subscriptions = new Set<PollingSubscription>();
  readonly #pollIntervalMs: number;
  #closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.#db = openEventsDatabase(options.path);
    this.#statements = prepare(this.#db);
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#appended.setMaxListeners(0);
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.#assertOpen();
    const s = this.#statements;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const current = (s.currentRevision.get(stream) as { revision: number | null }).revision ?? -1;
      checkExpectation(stream, options.expectedRevision, current);
      const time = new Date().toISOString();
      let position = (s.headPosition.get() as { position: number | null }).position ?? -1;
      events.forEach((event, index) => {
        const result = s.insert.run(
          event.id ?? randomUUID(),
          stream,
          current + 1 + index,
          event.type,
          event.version ?? 1,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          time,
        );
        position = Number(result.lastInsertRowid);
      });
      this.#db.exec('COMMIT');
      if (events.length > 0) this.#appended.emit('appended');
      return { nextRevision: current + events.length, position };
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const rows = this.#statements.readStream.all(stream, options.fromRevision ?? 0, options.limit ?? MAX_LIMIT);
    return (rows as unknown as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    return this.readAllSync(options.after ?? -1, options.limit ?? MAX_LIMIT);
  }

  /** Synchronous batch read for the subscription loop and the embedded log. */
  readAllSync(after: number, limit: number): RecordedEvent[] {
    const rows = this.#statements.readAll.all(after, limit);
    return (rows as unknown as EventRow[]).map(toRecordedEvent);
  }

  subscribeAll(handler: (event: RecordedEvent) => Promise<void>, options: SubscribeAllOptions = {}): StoreSubscription {
    this.#assertOpen();
    const subscription = new PollingSubscription({
      read: (after, limit) => this.readAllSync(after, limit),
      handler,
      after: options.after ?? -1,
      pollIntervalMs: this.#pollIntervalMs,
      changes: this.#appended,
    });
    this.#subscriptions.add(subscription);
    subscription.done.finally(() => this.#subscriptions.delete(subscription)).catch(() => {});
    return subscription;
  }

  /** Resolves at the next append made through this store (or after `timeoutMs`). */
  nextAppend(timeoutMs: number): Promise<void> {
    return PollingSubscription.waitForChange(this.#appended, timeoutMs);
  }

  async headPosition(): Promise<number> {
    this.#assertOpen();
    return (this.#statements.headPosition.get() as { position: number | null }).position ?? -1;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    this.#closed = true;
    this.#db.close();
  }

  #assertOpen() {
    if (this.#closed) throw new Error('event store is closed');
  }
}

function checkExpectation(stream: string, expected: ExpectedRevision, current: number) {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, current === -1 ? 'no_stream' : current);
}

function prepare(db: DatabaseSync): Record<'currentRevision' | 'headPosition' | 'insert' | 'readStream' | 'readAll', StatementSync> {
  return {
    currentRevision: db.prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
    headPosition: db.prepare('SELECT max(position) AS position FROM events'),
    insert: db.prepare(
      'INSERT INTO events (id, stream, revision, type, version, data, metadata, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readAll: db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
  };
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}
