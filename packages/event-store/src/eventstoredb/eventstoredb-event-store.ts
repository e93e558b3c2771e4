import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONType,
} from '@eventstore/db-client';
import { type AppendResult, type NewEvent, type RecordedEvent, WrongExpectedRevisionError, toSafeNumber } from '@strata/kernel';
import type { AppendOptions, EventStore, ReadAllOptions, ReadStreamOptions, StoreSubscription, SubscribeAllOptions } from '../port.ts';
import { fromDbEvent, positionOf, toExpectedRevision, toStoredMetadata } from './mapping.ts';

/** The distributed event store on EventStoreDB / KurrentDB, through its official gRPC client. */
export class EventStoreDbEventStore implements EventStore {
  readonly #client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.#client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      const result = await this.#client.appendToStream(
        stream,
        events.map((event) =>
          jsonEvent({
            id: event.id ?? randomUUID(),
            type: event.type,
            data: event.data as JSONType,
            metadata: toStoredMetadata(event.metadata, event.version ?? 1) as unknown as JSONType,
          }),
        ),
        { expectedRevision: toExpectedRevision(options.expectedRevision) },
      );
      return {
        nextRevision: toSafeNumber(result.nextExpectedRevision, 'revision'),
        position: result.position ? toSafeNumber(result.position.prepare, 'prepare position') : -1,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(stream, String(options.expectedRevision), String(error.actualVersion));
      }
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.#client.readStream(stream, {
        fromRevision: BigInt(options.fromRevision ?? 0),
        direction: FORWARDS,
        maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) {
        if (!resolved.event) continue;
        // stream reads carry no log position unless the server adds it; -1 marks "unknown"
        const position = resolved.event.position ? positionOf(resolved.event) : -1;
        events.push(fromDbEvent(resolved.event, position));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? -1;
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    const read = this.#client.readAll({
      fromPosition: after < 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
      direction: FORWARDS,
      // ask for one more than needed: the event at `after` itself is skipped below
      maxCount: Math.min(limit + 1, Number.MAX_SAFE_INTEGER),
    });
    for await (const resolved of read) {
      const event = ourEvent(resolved, after);
      if (!event) continue;
      events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  subscribeAll(handler: (event: RecordedEvent) => Promise<void>, options: SubscribeAllOptions = {}): StoreSubscription {
    const after = options.after ?? -1;
    const subscription = this.#client.subscribeToAll({
      fromPosition: after < 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
      filter: excludeSystemEvents(),
    });
    let stopped = false;
    const done = (async () => {
      try {
        for await (const resolved of subscription) {
          if (stopped) break;
          const event = ourEvent(resolved, after);
          if (event) await handler(event);
        }
      } finally {
        await subscription.unsubscribe().catch(() => {});
      }
    })();
    return {
      done,
      async stop() {
        stopped = true;
        await subscription.unsubscribe().catch(() => {});
        await done.catch(() => {});
      },
    };
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.#client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1000 })) {
      if (resolved.event && !resolved.event.type.startsWith('$')) return positionOf(resolved.event);
    }
    return -1;
  }

  async close(): Promise<void> {
    await this.#client.dispose();
  }
}

/** Drops EventStoreDB's own system events and anything at or before `after`. */
function ourEvent(resolved: AllStreamResolvedEvent, after: number): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const position = positionOf(event);
  if (position <= after) return undefined;
  return fromDbEvent(event, position);
}

export function connectEventStoreDb(options: { connectionString: string }): EventStore {
  return new EventStoreDbEventStore(options.connectionString);
}
