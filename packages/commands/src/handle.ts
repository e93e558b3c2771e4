import { type Decider, type DomainEvent, type EventMetadata,
  type RecordedEvent, WrongExpectedRevisionError, foldEvents } from '@strata/kernel';
import type { EventStore } from '@strata/event-store';
import { strataEvents } from '@strata/contracts';
import type { Written } from './written.ts';

export interface CommandResult<State> extends Written {
  /** State of the stream after the command. */
  state: State;
  /** Revision of the stream after the command (-1 for a stream that still does not exist). */
  revision: number;
  /** Global position written at, for read-your-writes waits; undefined when nothing was appended. */
  position: number | undefined;
}

const MAX_ATTEMPTS = 5;

/**
 * The one way a command changes the world: read the stream, decide, append with the
 * revision that was read. On a concurrent write it decides again on the fresh state.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  metadata: EventMetadata,
): Promise<CommandResult<State>> {
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(stream);
    const revision = recorded.length === 0 ? -1 : recorded[recorded.length - 1]!.revision;
    const state = foldEvents(decider, decodeAll(recorded) as Event[]);
    const events = decider.decide(command, state);
    if (events.length === 0) return { stream, state, revision, position: undefined, appended: 0 };
    try {
      const result = await store.append(
        stream,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      const next = events.reduce(decider.evolve, state);
      return { stream, state: next, revision: result.nextRevision, position: result.position, appended: events.length };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

function decodeAll(recorded: RecordedEvent[]): DomainEvent[] {
  return recorded.flatMap((event) => strataEvents.decode(event) ?? []);
}
