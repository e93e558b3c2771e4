import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '@strata/kernel';
import { eventually, uniqueName } from '@strata/testkit';
import type { EventLog } from './port.ts';

export interface EventLogFixture {
  log: EventLog;
  append(stream: string, events: NewEvent[]): Promise<void>;
  cleanup(): Promise<void>;
}

const events = (...types: string[]): NewEvent[] => types.map((type) => ({ type, data: { type }, metadata: { correlationId: type } }));

/** The behaviour every event log adapter must have; each adapter's spec calls this with its factory. */
export function eventLogContract(factory: () => Promise<EventLogFixture>) {
  let fixture: EventLogFixture;
  let stream: string;
  beforeEach(async () => {
    fixture = await factory();
    stream = uniqueName('stream');
  });
  afterEach(async () => fixture.cleanup());

  const collect = async (group: string, into: RecordedEvent[], fail?: (event: RecordedEvent) => boolean) =>
    fixture.log.consume(group, async (event) => {
      if (!event.stream.startsWith(stream)) return;
      if (fail?.(event)) throw new Error(`refused ${event.type}`);
      into.push(event);
    });

  describe('consumer groups', () => {
    it('tell how far they are behind, from the checkpoint, to any reader', async () => {
      await fixture.append(stream, events('A', 'B'));
      const group = uniqueName('lagging');
      expect((await fixture.log.lag(group)).events).toBeGreaterThanOrEqual(2);
      const seen: RecordedEvent[] = [];
      const consumer = await collect(group, seen);
      await eventually(() => seen.length === 2);
      await consumer.stop();
      expect((await fixture.log.lag(group)).events).toBe(0);
      await fixture.append(stream, events('C'));
      const behind = await fixture.log.lag(group);
      expect(behind.events).toBe(1);
      if (behind.oldestUnhandledAt) expect(Date.now() - behind.oldestUnhandledAt.getTime()).toBeLessThan(60_000);
    });

    it('deliver every event of a stream in order, old and live', async () => {
      await fixture.append(stream, events('A', 'B'));
      const seen: RecordedEvent[] = [];
      const consumer = await collect(uniqueName('group'), seen);
      await eventually(() => seen.length === 2);
      await fixture.append(stream, events('C'));
      await eventually(() => seen.length === 3);
      expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2]);
      await consumer.stop();
    });

    it('each get everything, independently', async () => {
      await fixture.append(stream, events('A', 'B'));
      const first: RecordedEvent[] = [];
      const second: RecordedEvent[] = [];
      const consumers = [await collect(uniqueName('one'), first), await collect(uniqueName('two'), second)];
      await eventually(() => first.length === 2 && second.length === 2);
      await Promise.all(consumers.map((c) => c.stop()));
    });

    it('resume after their checkpoint when restarted', async () => {
      const group = uniqueName('group');
      await fixture.append(stream, events('A', 'B'));
      const before: RecordedEvent[] = [];
      const consumer = await collect(group, before);
      await eventually(() => before.length === 2);
      await consumer.stop();
      await fixture.append(stream, events('C', 'D'));
      const after: RecordedEvent[] = [];
      const resumed = await collect(group, after);
      await eventually(() => after.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(after.map((e) => e.type)).toEqual(['C', 'D']);
      await resumed.stop();
    });

    it('start again from the beginning once forgotten', async () => {
      const group = uniqueName('retired');
      await fixture.append(stream, events('A', 'B'));
      const before: RecordedEvent[] = [];
      const consumer = await collect(group, before);
      await eventually(() => before.length === 2);
      await consumer.stop();
      await fixture.log.forgetGroup(group);
      const again: RecordedEvent[] = [];
      const restarted = await collect(group, again);
      await eventually(() => again.length === 2);
      expect(again.map((e) => e.type)).toEqual(['A', 'B']);
      await restarted.stop();
    });

    it('hand a failed event to the handler again (at least once)', async () => {
      await fixture.append(stream, events('A', 'B'));
      let failures = 0;
      const seen: RecordedEvent[] = [];
      const consumer = await collect(uniqueName('group'), seen, (event) => event.type === 'B' && failures++ === 0);
      await eventually(() => seen.length === 2, 10_000);
      expect(seen.map((e) => e.type)).toEqual(['A', 'B']);
      expect(failures).toBe(2);
      await consumer.stop();
    });
  });
}
