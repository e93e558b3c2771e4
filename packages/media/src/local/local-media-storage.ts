import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { type ByteRange, type MediaStorage, type StoredObject, checkKey, checkTyped, contentTypeOf } from '../port.ts';

/** A name the file system cannot hold (too long, a file used as a folder) is no stored medium either. */
const NOT_STORED = new Set(['ENOENT', 'ENAMETOOLONG', 'ENOTDIR', 'EISDIR']);
const missing = (error: unknown) => NOT_STORED.has((error as NodeJS.ErrnoException).code ?? '');

/** Media in a local folder (the embedded mode, or a volume shared by the API processes). */
export class LocalMediaStorage implements MediaStorage {
  readonly #root: string;
  readonly #publicBaseUrl: string;

  constructor(root: string, publicBaseUrl: string) {
    this.#root = root;
    this.#publicBaseUrl = publicBaseUrl.replace(/\/+$/, '');
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.#atomically(checkTyped(key, contentType), (temporary) => writeFile(temporary, data));
  }

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    await this.#atomically(checkTyped(key, contentType), (temporary) => copyFile(path, temporary));
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    const path = this.#pathOrNull(key);
    const contentType = contentTypeOf(key);
    if (!path || !contentType) return null;
    return readFile(path).then(
      (data) => ({ data, contentType }),
      (error: unknown) => (missing(error) ? null : Promise.reject(error)),
    );
  }

  async stat(key: string): Promise<StoredObject | null> {
    const path = this.#pathOrNull(key);
    const contentType = contentTypeOf(key);
    if (!path || !contentType) return null;
    return stat(path).then(
      (found) => (found.isFile() ? { size: found.size, contentType } : null),
      (error: unknown) => (missing(error) ? null : Promise.reject(error)),
    );
  }

  async open(key: string, range?: ByteRange): Promise<Readable | null> {
    if (!(await this.stat(key))) return null;
    return createReadStream(this.#pathOrNull(key)!, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const path = this.#path(prefix.replace(/\/+$/, ''));
    const count = await readdir(path, { recursive: true, withFileTypes: true })
      .then((entries) => entries.filter((entry) => entry.isFile()).length)
      .catch(() => 0);
    await rm(path, { recursive: true, force: true });
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    const path = this.#path(prefix.replace(/\/+$/, ''));
    const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      const full = join(entry.parentPath, entry.name);
      yield { key: relative(this.#root, full).split(sep).join('/'), size: (await stat(full)).size };
    }
  }

  url(key: string): string {
    return `${this.#publicBaseUrl}/system/${checkKey(key)}`;
  }

  async #atomically(key: string, write: (temporary: string) => Promise<void>) {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    // write then rename: a reader never sees half a file
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await write(temporary);
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  #path(key: string): string {
    return join(this.#root, checkKey(key));
  }

  #pathOrNull(key: string): string | null {
    try {
      return this.#path(key);
    } catch {
      return null;
    }
  }
}

export function createLocalMediaStorage(options: { root: string; publicBaseUrl: string }): LocalMediaStorage {
  return new LocalMediaStorage(options.root, options.publicBaseUrl);
}
