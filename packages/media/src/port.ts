/**
 * Where uploaded media lives. Keys are relative paths such as
 * `accounts/avatars/123/original/abc.webp`; `url` gives the public address clients load.
 */
export interface MediaStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
  delete(key: string): Promise<void>;
  /** Deletes every object under a prefix (an erased account's media); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
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
