import { CorruptEventError, type RecordedEvent } from '@strata/kernel';

export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  version: number;
  data: string;
  metadata: string;
  time: string;
}

/** Decodes a stored row; bad JSON fails loudly with the stream and position named. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  try {
    return {
      id: row.id,
      type: row.type,
      version: row.version,
      stream: row.stream,
      revision: row.revision,
      position: row.position,
      time: row.time,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
    };
  } catch (error) {
    throw new CorruptEventError(row.stream, row.position, error);
  }
}
