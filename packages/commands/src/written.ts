import { randomUUID } from 'node:crypto';
import type { EventMetadata, Clock, SnowflakeGenerator } from '@strata/kernel';
import type { EventStore } from '@strata/event-store';
import { currentTrace } from '@strata/logging';
import type { PersonalDataVault } from '@strata/personal-data';
import type { ReadModelStore } from '@strata/read-models';
import { waitForProjection } from '@strata/views';

/** What a command wrote, which is what a reader of its own writes must wait for. */
export interface Written {
  stream: string;
  /** Revision of the stream after the command. */
  revision: number;
  /** Events appended (0: nothing to wait for). */
  appended: number;
}

/** Where the command context comes from: the composition root of the API, the inbox, a job. */
export interface CommandSources {
  eventStore(): Promise<EventStore>;
  ids: SnowflakeGenerator;
  clock: Clock;
  personalData(): Promise<PersonalDataVault>;
  readModels(): Promise<ReadModelStore>;
}

/** Dependencies of the command handlers. */
export async function commandDeps(sources: CommandSources) {
  return { store: await sources.eventStore(), ids: sources.ids, clock: sources.clock, personalData: await sources.personalData() };
}

/** Events caused by the current request or job carry its actor and correlation id. */
export function commandMetadata(actor?: string | null): EventMetadata {
  const trace = currentTrace();
  const metadata: EventMetadata = { correlationId: trace?.correlationId ?? randomUUID() };
  if (actor) metadata.actor = actor;
  if (trace?.requestId) metadata.causationId = trace.requestId;
  return metadata;
}

/**
 * Read-your-writes: the caller's next read sees what the commands wrote (waiting a
 * bounded time; on timeout the read serves what the read models have).
 */
export async function awaitProjection(sources: Pick<CommandSources, 'readModels'>, ...written: (Written | undefined)[]) {
  const pending = written.filter((item): item is Written => item !== undefined && item.appended > 0);
  if (pending.length === 0) return;
  const store = await sources.readModels();
  for (const item of pending) await waitForProjection(store, item.stream, item.revision);
}
