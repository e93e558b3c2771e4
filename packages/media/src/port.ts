import type { Readable } from 'node:stream';

/** What a stored object is: its size in bytes and the content type it is served with. */
export interface StoredObject {
  size: number;
  contentType: string;
}

/** Bytes `start` to `end` inclusive, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploaded media lives (a local folder or an S3-compatible bucket). Keys are
 * relative paths Strata makes up, such as `media_attachments/1/2/original/abc.jpg`:
 * never a name a user chose. `url` gives the public address clients load.
 */
export interface MediaStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Stores a file from disk without holding it in memory (a large video). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  stat(key: string): Promise<StoredObject | null>;
  /** A stream of the object (or of one range of it); null when it does not exist. */
  open(key: string, range?: ByteRange): Promise<Readable | null>;
  delete(key: string): Promise<void>;
  /** Deletes every object under a prefix (an erased account's media); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every object under a prefix with its size, for usage reports. */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  url(key: string): string;
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Refuses keys that could leave the storage root or confuse a file system. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..' || part.startsWith('.'))) {
    throw new Error(`invalid media key: ${JSON.stringify(key)}`);
  }
  return key;
}

/** The content types media is stored and served with, by file extension. */
export const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wave',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  /** Account archives: stored beside media, never served by the public media route. */
  zip: 'application/zip',
};

/** Keys under these prefixes are private to their account (archives): the public /system/ route refuses them. */
export const PRIVATE_PREFIXES = ['backups/'];

export function contentTypeOf(key: string): string | undefined {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? undefined : CONTENT_TYPES[key.slice(dot + 1).toLowerCase()];
}

/** A key must end in the extension of its content type, so what is served is what was stored. */
export function checkTyped(key: string, contentType: string): string {
  checkKey(key);
  if (contentTypeOf(key) !== contentType) throw new Error(`media key ${key} does not match type ${contentType}`);
  return key;
}
