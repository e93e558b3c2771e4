import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalog } from './event-catalog.ts';

/** Writes the event catalog into docs/events/, replacing what was there. */
export const catalogDir = fileURLToPath(new URL('../../../../docs/events/', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(catalogDir, { recursive: true });
  for (const name of readdirSync(catalogDir)) rmSync(join(catalogDir, name));
  const files = eventCatalog();
  for (const file of files) writeFileSync(join(catalogDir, file.name), file.content);
  console.log(`wrote ${files.length} files to docs/events/`);
}
