import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strataEvents } from '../index.ts';
import { eventCatalog } from './event-catalog.ts';
import { catalogDir } from './write-catalog.ts';

describe('the event catalog in docs/events', () => {
  it('documents every event type and version, and is current (run `bash infra/strata events:catalog`)', () => {
    const files = eventCatalog();
    expect(files.length).toBe(strataEvents.definitions().length + 1);
    expect(existsSync(catalogDir)).toBe(true);
    expect(readdirSync(catalogDir).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files) expect(readFileSync(join(catalogDir, file.name), 'utf8'), file.name).toBe(file.content);
  });

  it('marks sealed personal data', () => {
    const profile = eventCatalog().find((f) => f.name === 'AccountProfileUpdated.v1.json')!;
    expect(JSON.parse(profile.content).description).toContain('Sealed fields: profile');
  });
});
