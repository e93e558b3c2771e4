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

/**
 * Turns the data of one version of an event type into the next version's. The old version
 * stays defined (events in the store never change); decoding validates the stored data
 * against its own version, then upcasts step by step, validating each step, so readers
 * only ever see the newest shape.
 */
export interface Upcaster {
  type: string;
  from: number;
  upcast(data: unknown): unknown;
}

export function defineUpcaster<From extends z.ZodType>(from: EventDefinition<string, From>, upcast: (data: z.infer<From>) => unknown): Upcaster {
  return { type: from.type, from: from.version, upcast: (data) => upcast(data as z.infer<From>) };
}

export type EventOf<D> = D extends EventDefinition<infer Type, infer Schema> ? { type: Type; data: z.infer<Schema> } : never;

export class EventRegistry<Defs extends EventDefinition<string, z.ZodType>> {
  readonly #byKey = new Map<string, Defs>();
  readonly #upcasters = new Map<string, Upcaster>();

  constructor(definitions: readonly Defs[], upcasters: readonly Upcaster[] = []) {
    for (const definition of definitions) this.#byKey.set(`${definition.type}@${definition.version}`, definition);
    for (const upcaster of upcasters) {
      if (!this.#byKey.has(`${upcaster.type}@${upcaster.from + 1}`)) throw new Error(`upcaster of ${upcaster.type}@${upcaster.from} has no version ${upcaster.from + 1} to reach`);
      this.#upcasters.set(`${upcaster.type}@${upcaster.from}`, upcaster);
    }
  }

  /** Every definition, ordered by type and version: what the event catalog documents. */
  definitions(): Defs[] {
    return [...this.#byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  }

  has(type: string, version = 1): boolean {
    return this.#byKey.has(`${type}@${version}`);
  }

  /**
   * Validates a recorded event's data and upcasts it to the newest version; unknown types or
   * versions give undefined (newer producers), bad data throws.
   */
  decode(event: RecordedEvent): EventOf<Defs> | undefined {
    // every projection decodes the same recorded event: it is validated once (treat the result as read-only)
    const known = this.#decoded.get(event);
    if (known) return known;
    let version = event.version;
    let data = event.data;
    for (;;) {
      const definition = this.#byKey.get(`${event.type}@${version}`);
      if (!definition) return undefined;
      const parsed = definition.schema.safeParse(data);
      if (!parsed.success) throw new CorruptEventError(event.stream, event.position, parsed.error);
      const upcaster = this.#upcasters.get(`${event.type}@${version}`);
      if (!upcaster) {
        const decoded = { type: event.type, data: parsed.data } as EventOf<Defs>;
        this.#decoded.set(event, decoded);
        return decoded;
      }
      data = upcaster.upcast(parsed.data);
      version += 1;
    }
  }

  readonly #decoded = new WeakMap<RecordedEvent, EventOf<Defs>>();
}
