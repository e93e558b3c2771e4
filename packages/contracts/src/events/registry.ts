import type { z } from 'zod';
import { CorruptEventError, type RecordedEvent } from '@strata/kernel';

/**
 * Every event type Strata writes, with the zod schema of its data per version. This is
 * the public contract of the event stream: consumers (projections, delivery, analytics)
 * decode through it, so a malformed event fails loudly instead of spreading.
 */
export interface EventDefinition<Type extends string, Schema extends z.ZodType> {
  type: Type;
  version: number;
  schema: Schema;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  type: Type,
  version: number,
  schema: Schema,
): EventDefinition<Type, Schema> {
  return { type, version, schema };
}

export type EventOf<D> = D extends EventDefinition<infer Type, infer Schema> ? { type: Type; data: z.infer<Schema> } : never;

export class EventRegistry<Defs extends EventDefinition<string, z.ZodType>> {
  readonly #byKey = new Map<string, Defs>();

  constructor(definitions: readonly Defs[]) {
    for (const definition of definitions) this.#byKey.set(`${definition.type}@${definition.version}`, definition);
  }

  /** Every definition, ordered by type and version: what the event catalog documents. */
  definitions(): Defs[] {
    return [...this.#byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  }

  has(type: string, version = 1): boolean {
    return this.#byKey.has(`${type}@${version}`);
  }

  /** Validates a recorded event's data; unknown types give undefined (newer producers), bad data throws. */
  decode(event: RecordedEvent): EventOf<Defs> | undefined {
    // every projection decodes the same recorded event: it is validated once (treat the result as read-only)
    const known = this.#decoded.get(event);
    if (known) return known;
    const definition = this.#byKey.get(`${event.type}@${event.version}`);
    if (!definition) return undefined;
    const parsed = definition.schema.safeParse(event.data);
    if (!parsed.success) throw new CorruptEventError(event.stream, event.position, parsed.error);
    const decoded = { type: event.type, data: parsed.data } as EventOf<Defs>;
    this.#decoded.set(event, decoded);
    return decoded;
  }

  readonly #decoded = new WeakMap<RecordedEvent, EventOf<Defs>>();
}
