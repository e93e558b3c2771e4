import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, uniqueName } from '@strata/testkit';
import type { PubSub } from './port.ts';

export interface PubSubFixture {
  pubsub: PubSub;
  /** Another connection, as another process would have; given by adapters that cross processes. */
  second?: PubSub;
  cleanup(): Promise<void>;
}

/** The behaviour every pub/sub adapter must have; each adapter's spec calls this with its factory. */
export function pubSubContract(factory: () => Promise<PubSubFixture>) {
  let fixture: PubSubFixture;
  let channel: string;
  beforeEach(async () => {
    fixture = await factory();
    channel = uniqueName('channel');
  });
  afterEach(async () => fixture.cleanup());

  describe('pub/sub', () => {
    it('delivers to every subscriber of the channel, in order, and to no other channel', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const elsewhere: string[] = [];
      await fixture.pubsub.subscribe(channel, (m) => first.push(m));
      await fixture.pubsub.subscribe(channel, (m) => second.push(m));
      await fixture.pubsub.subscribe(`${channel}-other`, (m) => elsewhere.push(m));
      for (const message of ['1', '2', '3']) await fixture.pubsub.publish(channel, message);
      await eventually(() => first.length === 3 && second.length === 3);
      expect(first).toEqual(['1', '2', '3']);
      expect(second).toEqual(['1', '2', '3']);
      expect(elsewhere).toEqual([]);
    });

    it('stops delivering after unsubscribe, keeping other subscribers', async () => {
      const kept: string[] = [];
      const dropped: string[] = [];
      await fixture.pubsub.subscribe(channel, (m) => kept.push(m));
      const unsubscribe = await fixture.pubsub.subscribe(channel, (m) => dropped.push(m));
      await fixture.pubsub.publish(channel, 'before');
      await eventually(() => dropped.length === 1 && kept.length === 1);
      await unsubscribe();
      await fixture.pubsub.publish(channel, 'after');
      await eventually(() => kept.length === 2);
      expect(dropped).toEqual(['before']);
    });

    it('keeps delivering to others, and publishing, when a handler throws or rejects', async () => {
      const seen: string[] = [];
      await fixture.pubsub.subscribe(channel, () => {
        throw new Error('subscriber broke');
      });
      await fixture.pubsub.subscribe(channel, (() => Promise.reject(new Error('async subscriber broke'))) as () => void);
      await fixture.pubsub.subscribe(channel, (m) => seen.push(m));
      await fixture.pubsub.publish(channel, 'x');
      await fixture.pubsub.publish(channel, 'y');
      await eventually(() => seen.length === 2);
      expect(seen).toEqual(['x', 'y']);
    });

    it('has every subscription active once subscribe resolves, even when they race', async () => {
      const seen: string[] = [];
      const first = fixture.pubsub.subscribe(channel, (m) => seen.push(`a:${m}`));
      // the second must not resolve before the first one's subscription is in place
      await fixture.pubsub.subscribe(channel, (m) => seen.push(`b:${m}`));
      await fixture.pubsub.publish(channel, 'now');
      await first;
      await eventually(() => seen.length === 2);
      expect(seen.sort()).toEqual(['a:now', 'b:now']);
    });

    it('crosses connections when the adapter has a second one, in order and both ways', async (context) => {
      const other = fixture.second;
      if (!other) return context.skip();
      const there: string[] = [];
      const here: string[] = [];
      await other.subscribe(channel, (m) => there.push(m));
      await fixture.pubsub.subscribe(`${channel}-back`, (m) => here.push(m));
      for (const message of ['1', '2', '3']) await fixture.pubsub.publish(channel, message);
      await other.publish(`${channel}-back`, 'reply');
      await eventually(() => there.length === 3 && here.length === 1);
      expect(there).toEqual(['1', '2', '3']);
      expect(here).toEqual(['reply']);
    });
  });
}
