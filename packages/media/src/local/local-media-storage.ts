import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { type MediaStorage, checkKey } from '../port.ts';

const TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

const NOT_STORED = new Set(['ENOENT', 'ENAMETOOLONG', 'ENOTDIR', 'EISDIR']);

/** Media in a local folder (the embedded mode, or a volume shared by the API processes). */
export class LocalMediaStorage implements MediaStorage {
  readonly #root: string;
  readonly #publicBaseUrl: string;

  constructor(root: string, publicBaseUrl: string) {
    this.#root = root;
    this.#publicBaseUrl = publicBaseUrl.replace(/\/+$/, '');
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const path = this.#path(key);
    if (TYPES[extname(key).toLowerCase()] !== contentType) throw new Error(`media key ${key} does not match type ${contentType}`);
    await mkdir(dirname(path), { recursive: true });
    // write then rename: a reader never sees half a file
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | null> {
    let path: string;
    try {
      path = this.#path(key);
    } catch {
      return null;
    }
    const contentType = TYPES[extname(key).toLowerCase()];
    if (!contentType) return null;
    try {
      return { data: await readFile(path), contentType };
    } catch (error) {
      // a name the file system cannot hold (too long, a file used as a folder) is no stored medium either
      if (NOT_STORED.has((error as NodeJS.ErrnoException).code ?? '')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<number> {
    const path = this.#path(prefix.replace(/\/+$/, ''));
    const { readdir } = await import('node:fs/promises');
    const count = await readdir(path, { recursive: true, withFileTypes: true })
      .then((entries) => entries.filter((entry) => entry.isFile()).length)
      .catch(() => 0);
    await rm(path, { recursive: true, force: true });
    return count;
  }

  url(key: string): string {
    return `${this.#publicBaseUrl}/system/${checkKey(key)}`;
  }

  #path(key: string): string {
    return join(this.#root, checkKey(key));
  }
}

export function createLocalMediaStorage(options: { root: string; publicBaseUrl: string }): LocalMediaStorage {
  return new LocalMediaStorage(options.root, options.publicBaseUrl);
}
