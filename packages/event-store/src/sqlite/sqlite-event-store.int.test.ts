import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorruptEventError } from '@strata/kernel';
import { eventually, makeTempDir } from '@strata/testkit';
import { eventStoreContract } from '../contract.ts';
import { openSqliteEventStore } from './sqlite-event-store.ts';

function temporaryStore() {
  const temp = makeTempDir('strata-events-');
  const path = join(temp.path, 'events.db');
  const store = openSqliteEventStore({ path, pollIntervalMs: 20 });
  return { store, path, cleanup: async () => (await store.close(), temp.remove()) };
}

describe('SQLite event store', () => {
  eventStoreContract(async () => temporaryStore());

  const racer = fileURLToPath(new URL('./fixtures/append-racer.ts', import.meta.url));
  const runRacer = async (path: string, stream: string, expected: string, name: string) => {
    const child = spawn(process.execPath, [racer, path, stream, expected, name], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    await once(child, 'exit');
    return out.trim();
  };

  it('lets exactly one of several processes win a race for the same revision', async () => {
    const { store, path, cleanup } = temporaryStore();
    try {
      await store.append('race', [{ type: 'Started', data: {}, metadata: { correlationId: 'c' } }], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => runRacer(path, 'race', '0', `racer${i}`)));
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(5);
      expect(await store.readStream('race')).toHaveLength(2);
    } finally {
      await cleanup();
    }
  });

  it('shows a subscriber appends made by another process', async () => {
    const { store, path, cleanup } = temporaryStore();
    try {
      const seen: string[] = [];
      const subscription = store.subscribeAll(async (event) => void seen.push(event.type));
      expect(await runRacer(path, 'elsewhere', 'no_stream', 'Remote')).toBe('won');
      await eventually(() => seen.includes('Remote'));
      await subscription.stop();
    } finally {
      await cleanup();
    }
  });

  it('fails loudly on malformed stored data, naming stream and position', async () => {
    const { store, path, cleanup } = temporaryStore();
    try {
      await store.append('fine', [{ type: 'Ok', data: { a: 1 }, metadata: { correlationId: 'c' } }], { expectedRevision: 'no_stream' });
      const db = new DatabaseSync(path);
      db.prepare(
        `INSERT INTO events (id, stream, revision, type, version, data, metadata, time) VALUES ('x', 'broken', 0, 'Bad', 1, '{not json', '{}', 'now')`,
      ).run();
      db.close();
      const error = await store.readAll().catch((e) => e);
      expect(error).toBeInstanceOf(CorruptEventError);
      expect(error.message).toMatch(/stream broken at position 2/);
      await expect(store.readStream('broken')).rejects.toBeInstanceOf(CorruptEventError);
    } finally {
      await cleanup();
    }
  });
});
