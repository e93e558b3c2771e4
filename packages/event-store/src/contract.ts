import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NewEvent, type RecordedEvent, WrongExpectedRevisionError } from '@strata/kernel';
import { eventually, uniqueName } from '@strata/testkit';
import type { EventStore } from './port.ts';

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

const event = (type: string, data: Record<string, unknown> = {}, extra: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data,
  metadata: { correlationId: 'corr-1', actor: '42', causationId: 'cause-1' },
  ...extra,
});

/**
 * The behaviour every event store adapter must have. Each adapter's spec calls this
 * with its own factory; engine differences are options, never forked tests.
 */
export function eventStoreContract(factory: () => Promise<EventStoreFixture>) {
  let fixture: EventStoreFixture;
  let store: EventStore;
  // stream names are unique per test so that engines shared between tests stay clean
  let stream: string;
  beforeEach(async () => {
    fixture = await factory();
    store = fixture.store;
    stream = uniqueName('account');
  });
  afterEach(async () => fixture.cleanup());

  describe('append and read a stream', () => {
    it('round-trips every envelope field', async () => {
      const result = await store.append(stream, [event('AccountRegistered', { username: 'alice' }, { id: crypto.randomUUID(), version: 2 })], {
        expectedRevision: 'no_stream',
      });
      expect(result.nextRevision).toBe(0);
      const [read] = await store.readStream(stream);
      expect(read).toMatchObject({
        type: 'AccountRegistered',
        version: 2,
        stream,
        revision: 0,
        data: { username: 'alice' },
        metadata: { correlationId: 'corr-1', actor: '42', causationId: 'cause-1' },
      });
      expect(read!.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(read!.time)).not.toBeNaN();
    });

    it('numbers revisions from 0 and reads from a revision with a limit', async () => {
      await store.append(stream, [event('A'), event('B'), event('C')], { expectedRevision: 'no_stream' });
      const result = await store.append(stream, [event('D')], { expectedRevision: 2 });
      expect(result.nextRevision).toBe(3);
      expect((await store.readStream(stream)).map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
        ['D', 3],
      ]);
      expect((await store.readStream(stream, { fromRevision: 1, limit: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream(uniqueName('missing'))).toEqual([]);
    });
  });

  describe('expected revision', () => {
    it('no_stream refuses an existing stream', async () => {
      await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      const error = await store.append(stream, [event('B')], { expectedRevision: 'no_stream' }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).stream).toBe(stream);
    });

    it('stream_exists refuses a missing stream and accepts an existing one', async () => {
      await expect(store.append(stream, [event('A')], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      await expect(store.append(stream, [event('B')], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
        nextRevision: 1,
      });
    });

    it('an exact revision must match the last event', async () => {
      await store.append(stream, [event('A'), event('B')], { expectedRevision: 'no_stream' });
      await expect(store.append(stream, [event('C')], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream, [event('C')], { expectedRevision: 1 })).resolves.toMatchObject({ nextRevision: 2 });
    });

    it('any always appends', async () => {
      await store.append(stream, [event('A')], { expectedRevision: 'any' });
      await expect(store.append(stream, [event('B')], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 1 });
    });

    it('a refused append writes none of its events', async () => {
      await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      await store.append(stream, [event('X'), event('Y'), event('Z')], { expectedRevision: 5 }).catch(() => {});
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
    });

    it('of concurrent appends at the same revision exactly one wins', async () => {
      await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.append(stream, [event(`Racer${i}`)], { expectedRevision: 0 })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('the global order', () => {
    it('reads every stream in append order, after a position, with a limit', async () => {
      const other = uniqueName('status');
      const first = await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      await store.append(other, [event('B'), event('C')], { expectedRevision: 'no_stream' });
      await store.append(stream, [event('D')], { expectedRevision: 0 });
      const mine = (events: RecordedEvent[]) => events.filter((e) => e.stream === stream || e.stream === other);
      const all = mine(await store.readAll());
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(4);
      expect(mine(await store.readAll({ after: first.position })).map((e) => e.type)).toEqual(['B', 'C', 'D']);
      expect(await store.readAll({ after: first.position, limit: 2 })).toHaveLength(2);
      expect(await store.headPosition()).toBe(positions[3]);
    });

    it('subscribes: catches up from a position, then follows live appends, until stopped', async () => {
      const first = await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      await store.append(stream, [event('B')], { expectedRevision: 0 });
      const seen: string[] = [];
      const subscription = store.subscribeAll(
        async (e) => {
          if (e.stream === stream) seen.push(e.type);
        },
        { after: first.position },
      );
      await eventually(() => seen.length === 1);
      await store.append(stream, [event('C'), event('D')], { expectedRevision: 1 });
      await eventually(() => seen.length === 3);
      expect(seen).toEqual(['B', 'C', 'D']);
      await subscription.stop();
      await store.append(stream, [event('E')], { expectedRevision: 3 });
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual(['B', 'C', 'D']);
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('ends a subscription whose handler throws, rejecting done', async () => {
      await store.append(stream, [event('A')], { expectedRevision: 'no_stream' });
      const subscription = store.subscribeAll(async (e) => {
        if (e.stream === stream) throw new Error('handler broke');
      });
      await expect(subscription.done).rejects.toThrow('handler broke');
    });
  });
}
