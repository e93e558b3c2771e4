import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { CONTENT_TYPES, type MediaStorage } from './port.ts';

/** Stores bytes (or a file on disk) under `<prefix>/<variant>/<random>.<ext>`: a name Strata makes, never the client's. */
export async function storeUnder(storage: MediaStorage, prefix: string, variant: string, data: Buffer | string, contentType: string) {
  const extension = Object.entries(CONTENT_TYPES).find(([, type]) => type === contentType)?.[0];
  if (!extension) throw new Error(`no file extension for ${contentType}`);
  const key = `${prefix}/${variant}/${randomBytes(8).toString('hex')}.${extension}`;
  if (typeof data === 'string') await storage.putFile(key, data, contentType);
  else await storage.put(key, data, contentType);
  return { key, contentType, size: typeof data === 'string' ? (await stat(data)).size : data.length };
}
