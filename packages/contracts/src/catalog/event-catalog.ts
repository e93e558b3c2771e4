import { z } from 'zod';
import { strataEvents } from '../index.ts';

/**
 * The public event catalog: one JSON Schema per event type and version, generated from
 * the zod contracts, so analytics teams read the same definitions the projections
 * decode with. `docs/events/` holds the output; a test keeps it current.
 */
export interface CatalogFile {
  name: string;
  content: string;
}

const SEALED_NOTE = 'Sealed personal data (AES-256-GCM with the account\'s own key, kept outside the log). Unreadable to consumers; becomes unreadable to everyone when the account is erased.';

export function eventCatalog(): CatalogFile[] {
  const files: CatalogFile[] = [];
  const rows: string[] = [];
  for (const definition of strataEvents.definitions()) {
    const schema = z.toJSONSchema(definition.schema, { unrepresentable: 'any' }) as Record<string, unknown>;
    const sealed = Object.entries((schema['properties'] ?? {}) as Record<string, { properties?: Record<string, unknown> }>)
      .filter(([, property]) => property.properties && 'sealed' in property.properties)
      .map(([name]) => name);
    const name = `${definition.type}.v${definition.version}.json`;
    delete schema['$schema'];
    const document = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: `${definition.type} v${definition.version}`,
      description: `Data of the ${definition.type} event, version ${definition.version}.${sealed.length ? ` Sealed fields: ${sealed.join(', ')}. ${SEALED_NOTE}` : ''}`,
      ...schema,
    };
    files.push({ name, content: `${JSON.stringify(document, null, 2)}\n` });
    rows.push(`| \`${definition.type}\` | ${definition.version} | [${name}](${name}) | ${sealed.length ? sealed.map((f) => `\`${f}\``).join(', ') : '—'} |`);
  }
  files.push({ name: 'README.md', content: catalogIndex(rows) });
  return files;
}

function catalogIndex(rows: string[]): string {
  return `# Strata's events

Generated from the zod contracts in \`packages/contracts\` by \`bash infra/strata events:catalog\`;
a test fails when this folder is out of date. Every event travels in the envelope of
\`packages/kernel/src/envelope.ts\`: \`id\`, \`type\`, \`version\`, \`stream\`, \`revision\`,
\`position\` (global order), \`time\`, \`data\` (described here) and \`metadata\`
(\`actor\`, \`correlationId\`, \`causationId\`).

- **Ordering:** events of one stream are strictly ordered by \`revision\`; across streams
  only the embedded log's \`position\` is a total order (Kafka keeps order per stream key).
- **Versions:** a changed shape is a new version of the same type, decoded side by side;
  fields are added, never repurposed.
- **Sealed data:** profile and status text are sealed with the account's own key; the
  key lives in the vault, outside the log, and is shredded when the account is erased.

| event | version | schema | sealed fields |
|---|---|---|---|
${rows.join('\n')}
`;
}
