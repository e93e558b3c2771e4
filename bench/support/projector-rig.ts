import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { postStatus } from '@strata/commands';
import { channels, followsCollection, homeFeed } from '@strata/views';
import { createEmbeddedEventLog } from '@strata/event-log';
import { openSqliteEventStore } from '@strata/event-store';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { createMemoryPubSub } from '@strata/pubsub';
import { openSqliteReadModels } from '@strata/read-models';
import { startProjector } from '@strata/projector';

/**
 * The real projector on embedded engines in one folder, with a follow graph written
 * straight into the read model (projecting 100,000 follows first would measure those).
 */
export async function openProjectorRig(dir: string) {
  const store = openSqliteEventStore({ path: join(dir, 'events.db') });
  // versioned, and the projector pinned to the active version, as a running Strata has them
  const readModels = openSqliteReadModels({ path: join(dir, 'read-models.db'), versioned: true });
  const log = createEmbeddedEventLog({ store, checkpointsPath: join(dir, 'log.db') });
  const pubsub = createMemoryPubSub();
  const personalData = new PersonalDataVault(readModels);
  const consumer = await startProjector({ log, readModels: readModels.versions.at(1), vault: readModels, pubsub, publicUrl: 'http://localhost:3000', logger: createLogger({ level: 'silent' }) });
  const deps = { store, ids: snowflakes, clock: systemClock, personalData };
  return {
    readModels,
    async follow(authorId: string, followerIds: string[]) {
      const at = new Date().toISOString();
      for (let i = 0; i < followerIds.length; i += 5000) {
        await followsCollection(readModels).upsertMany(
          followerIds.slice(i, i + 5000).map((followerId) => ({ id: `${followerId}:${authorId}`, followerId, followedId: authorId, state: 'following' as const, reblogs: true, notify: false, languages: null, pageId: snowflakes.next(), createdAt: at })),
        );
      }
    },
    /** Fills each owner's feed with `entries` older entries from other authors. */
    async prefill(owners: string[], entries: number) {
      const base = BigInt(snowflakes.next(Date.now() - 86_400_000));
      const docs = [];
      for (const ownerId of owners) {
        for (let i = 0; i < entries; i++) {
          const statusId = String(base + BigInt(i));
          docs.push({ ownerId, statusId, authorId: '1', reblogOfId: null });
        }
        if (docs.length >= 20_000) await homeFeed(readModels).add(docs.splice(0));
      }
      await homeFeed(readModels).add(docs);
    },
    /** Milliseconds from the command to the moment `lastFollower` is told (after the durable write). */
    async postAndWait(authorId: string, lastFollower: string): Promise<number> {
      await personalData.ensureSubject(authorId);
      const started = process.hrtime.bigint();
      let told!: () => void;
      const delivered = new Promise<void>((resolve) => (told = resolve));
      const stop = await pubsub.subscribe(channels.user(lastFollower), () => told());
      const content = { text: 'to everyone', spoilerText: '', tags: [] };
      await postStatus(deps, { accountId: authorId, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: 'en', mentionedAccountIds: [], content, applicationId: null }, { correlationId: randomUUID() });
      await delivered;
      await stop();
      return Number(process.hrtime.bigint() - started) / 1e6;
    },
    async close() {
      await consumer.stop();
      await Promise.all([log.close(), pubsub.close()]);
      await readModels.close();
      await store.close();
    },
  };
}

/**
 * The engine's own limit for a fan-out: `rows` feed rows of the same shape and indexes as
 * the home feed's table (integer columns keyed by owner and status, an index on status)
 * inserted with one prepared statement in one transaction, straight through node:sqlite.
 */
export function rawSqliteInsert(dir: string, rows: number): number {
  const db = new DatabaseSync(join(dir, 'raw.db'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  db.exec('CREATE TABLE feed (owner_id INTEGER NOT NULL, status_id INTEGER NOT NULL, author_id INTEGER NOT NULL, reblog_of_id INTEGER, PRIMARY KEY (owner_id, status_id)) WITHOUT ROWID');
  db.exec('CREATE INDEX feed_status ON feed (status_id)');
  const insert = db.prepare('INSERT INTO feed (owner_id, status_id, author_id, reblog_of_id) VALUES (?, ?, ?, NULL)');
  const statusId = snowflakes.next();
  const started = process.hrtime.bigint();
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) insert.run(String(100000000000000000n + BigInt(i)), statusId, '1');
  db.exec('COMMIT');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  db.close();
  return ms;
}
