import {
  ANY,
  type AppendExpectedRevision,
  type AllStreamRecordedEvent,
  NO_STREAM,
  type RecordedEvent as DbRecordedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import { CorruptEventError, type EventMetadata, type ExpectedRevision, type RecordedEvent, toSafeNumber } from '@strata/kernel';

/** What we keep in EventStoreDB's metadata: our envelope fields that it has no slot for. */
export interface StoredMetadata extends EventMetadata {
  version: number;
  $correlationId?: string;
  $causationId?: string;
}

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/**
 * Our global position is the event's prepare position: unique per event, increasing in
 * $all order (several events of one append may share a commit position).
 */
export function positionOf(event: DbRecordedEvent): number {
  if (!event.position) throw new CorruptEventError(event.streamId, 'unknown', 'event read without a log position');
  return toSafeNumber(event.position.prepare, 'prepare position');
}

export function fromDbEvent(event: DbRecordedEvent | AllStreamRecordedEvent, position: number): RecordedEvent {
  if (!event.isJson) throw new CorruptEventError(event.streamId, position, `event ${event.id} is not JSON`);
  const metadata = (event.metadata ?? {}) as Partial<StoredMetadata>;
  if (typeof metadata !== 'object' || typeof metadata.correlationId !== 'string') {
    throw new CorruptEventError(event.streamId, position, `event ${event.id} lacks a correlation id`);
  }
  const envelope: EventMetadata = { correlationId: metadata.correlationId };
  if (metadata.actor !== undefined) envelope.actor = metadata.actor;
  if (metadata.causationId !== undefined) envelope.causationId = metadata.causationId;
  return {
    id: event.id,
    type: event.type,
    version: metadata.version ?? 1,
    stream: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position,
    time: event.created.toISOString(),
    data: event.data,
    metadata: envelope,
  };
}

export function toStoredMetadata(metadata: EventMetadata, version: number): StoredMetadata {
  // $correlationId/$causationId are EventStoreDB's own names, so its projections see them too
  const stored: StoredMetadata = { ...metadata, version, $correlationId: metadata.correlationId };
  if (metadata.causationId) stored.$causationId = metadata.causationId;
  return stored;
}
