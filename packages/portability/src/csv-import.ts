import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ValidationError } from '@strata/kernel';

/** Mastodon's import types (settings → import) and modes. */
export const ImportType = z.enum(['following', 'blocking', 'muting', 'domain_blocking', 'bookmarks', 'lists']);
export type ImportType = z.infer<typeof ImportType>;
export const ImportMode = z.enum(['merge', 'overwrite']);
export type ImportMode = z.infer<typeof ImportMode>;

/** One line of an import, normalized whatever the file's columns were. */
export type ImportRow =
  | { acct: string; reblogs?: boolean; notify?: boolean; languages?: string[] | null; hideNotifications?: boolean }
  | { domain: string }
  | { uri: string }
  | { list: string; acct: string };

export const MAX_IMPORT_ROWS = 20_000;

const bool = (value: string | undefined, fallback: boolean) => (value === undefined || value.trim() === '' ? fallback : value.trim().toLowerCase() === 'true');
const acct = (value: string | undefined) => {
  const text = (value ?? '').trim().replace(/^@/, '');
  return /^[a-z0-9_.-]+(@[a-z0-9.-]+(:\d+)?)?$/i.test(text) ? text : null;
};

/**
 * Reads a CSV file of Mastodon's export formats: with or without the header row Mastodon
 * writes (older exports have one column), refusing a file that is not for this type.
 */
export function parseImport(type: ImportType, csv: string): ImportRow[] {
  let records: string[][];
  try {
    records = parse(csv, { relaxColumnCount: true, skipEmptyLines: true, trim: true, bom: true }) as string[][];
  } catch {
    throw invalid('is not a CSV file');
  }
  if (records[0]?.[0]?.toLowerCase() === 'account address') records = records.slice(1);
  if (records.length > MAX_IMPORT_ROWS) throw invalid(`has more than ${MAX_IMPORT_ROWS} rows`);
  const rows = records.map((record): ImportRow | null => {
    switch (type) {
      case 'following': {
        const who = acct(record[0]);
        const languages = record[3]?.trim() ? record[3].split(',').map((l) => l.trim()).filter(Boolean) : null;
        return who ? { acct: who, reblogs: bool(record[1], true), notify: bool(record[2], false), languages } : null;
      }
      case 'blocking':
        return acct(record[0]) ? { acct: acct(record[0])! } : null;
      case 'muting':
        return acct(record[0]) ? { acct: acct(record[0])!, hideNotifications: bool(record[1], true) } : null;
      case 'domain_blocking': {
        const domain = (record[0] ?? '').trim().toLowerCase();
        return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? { domain } : null;
      }
      case 'bookmarks':
        return /^https?:\/\/\S+$/.test(record[0] ?? '') ? { uri: record[0]! } : null;
      case 'lists': {
        const who = acct(record[1]);
        const list = (record[0] ?? '').trim();
        return who && list && list.length <= 100 ? { list, acct: who } : null;
      }
    }
  });
  if (rows.some((row) => row === null)) throw invalid(`is not a ${type.replace('_', ' ')} export: a row does not fit its columns`);
  return rows as ImportRow[];
}

function invalid(description: string) {
  return new ValidationError(`Validation failed: Data ${description}`, { data: [{ error: 'ERR_INVALID', description }] });
}
