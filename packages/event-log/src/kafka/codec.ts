import { z } from 'zod';
import { CorruptEventError, type RecordedEvent } from '@strata/kernel';

/** The envelope as it travels on the topic: JSON, keyed by stream, validated on the way in. */
const envelope = z.object({
  id: z.string(),
  type: z.string(),
  version: z.number().int().positive(),
  stream: z.string(),
  revision: z.number().int().nonnegative(),
  position: z.number().int(),
  time: z.string(),
  data: z.unknown(),
  metadata: z.object({ correlationId: z.string(), actor: z.string().optional(), causationId: z.string().optional() }),
});

export function encodeEvent(event: RecordedEvent) {
  return {
    key: event.stream,
    value: JSON.stringify(event),
    headers: { 'strata-type': event.type, 'strata-correlation-id': event.metadata.correlationId },
  };
}

export function decodeEvent(value: Buffer | null, where: { topic: string; partition: number; offset: string }): RecordedEvent {
  const at = `${where.topic}/${where.partition}@${where.offset}`;
  try {
    const parsed = envelope.parse(JSON.parse(value?.toString('utf8') ?? 'null'));
    return parsed as RecordedEvent;
  } catch (error) {
    throw new CorruptEventError(at, where.offset, error);
  }
}
