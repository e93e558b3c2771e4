import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CorruptEventError, type RecordedEvent } from '@strata/kernel';
import { EventRegistry, defineEvent, defineUpcaster } from './registry.ts';

// A type that evolved twice: v2 split the name, v3 added a language with a default.
const GreetedV1 = defineEvent('Greeted', 1, z.object({ name: z.string() }));
const GreetedV2 = defineEvent('Greeted', 2, z.object({ firstName: z.string(), lastName: z.string() }));
const GreetedV3 = defineEvent('Greeted', 3, z.object({ firstName: z.string(), lastName: z.string(), language: z.string() }));

const registry = new EventRegistry(
  [GreetedV1, GreetedV2, GreetedV3],
  [
    defineUpcaster(GreetedV1, ({ name }) => {
      const [firstName = '', ...rest] = name.split(' ');
      return { firstName, lastName: rest.join(' ') };
    }),
    defineUpcaster(GreetedV2, (data) => ({ ...data, language: 'en' })),
  ],
);

const recorded = (version: number, data: unknown): RecordedEvent => ({
  id: `e${version}`, type: 'Greeted', version, stream: 'greeting-1', revision: 0, position: 7, time: '2026-01-01T00:00:00.000Z', data, metadata: { correlationId: 'c' },
});

describe('event registry upcasting', () => {
  it('reads every stored version as the newest one', () => {
    const newest = { type: 'Greeted', data: { firstName: 'Ada', lastName: 'King Lovelace', language: 'en' } };
    expect(registry.decode(recorded(1, { name: 'Ada King Lovelace' }))).toEqual(newest);
    expect(registry.decode(recorded(2, { firstName: 'Ada', lastName: 'King Lovelace' }))).toEqual(newest);
    expect(registry.decode(recorded(3, { firstName: 'Ada', lastName: 'King Lovelace', language: 'fr' }))).toEqual({ ...newest, data: { ...newest.data, language: 'fr' } });
  });

  it('validates the stored data against its own version before upcasting', () => {
    expect(() => registry.decode(recorded(1, { firstName: 'Ada' }))).toThrow(CorruptEventError);
  });

  it('leaves versions it does not know to newer readers', () => {
    expect(registry.decode(recorded(4, { anything: true }))).toBeUndefined();
  });

  it('refuses an upcaster towards a version that is not defined', () => {
    expect(() => new EventRegistry([GreetedV1], [defineUpcaster(GreetedV1, (data) => data)])).toThrow(/Greeted@1 has no version 2/);
  });
});
