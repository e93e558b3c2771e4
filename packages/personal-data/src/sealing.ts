import { type KeyObject, createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/**
 * Crypto-shredding. Personal data (profiles, statuses, media descriptions) travels in
 * events only sealed with a key of its own subject (an account). The keys live in the
 * vault, outside the log; erasing an account deletes its key, and every event that
 * carried its data becomes unreadable everywhere the log was copied.
 */
export const Sealed = z.object({
  sealed: z.literal('aes-256-gcm/v1'),
  subject: z.string().min(1),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type Sealed = z.infer<typeof Sealed>;

interface SubjectKeyDoc extends Doc {
  key: string;
  createdAt: string;
}

const ALGORITHM = 'aes-256-gcm';

export class PersonalDataVault {
  readonly #keys: Collection<SubjectKeyDoc>;
  /**
   * Keys never change once made, so they are cached; briefly, because another process
   * may shred one and this cache must not outlive the erasure by much.
   */
  readonly #cache = new Map<string, { key: KeyObject; until: number }>();
  static readonly cacheMs = 60_000;
  /**
   * The plain text of sealed values already opened, by the sealed object itself: the
   * projector decodes an event once and several projections unseal the same content, so
   * it is deciphered once. Weak, so it lives no longer than the decoded event; a shred
   * clears it so nothing opened before an erasure is served after it.
   */
  #opened = new WeakMap<Sealed, string>();

  constructor(vault: ReadModelStore) {
    this.#keys = vault.collection<SubjectKeyDoc>('subject_keys');
  }

  /** Makes the subject's key if it has none; call before the first seal of a new subject. */
  async ensureSubject(subject: string): Promise<void> {
    if (await this.#key(subject)) return;
    await this.#keys.upsert({ id: subject, key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() });
  }

  async seal(subject: string, value: unknown): Promise<Sealed> {
    const key = await this.#key(subject);
    if (!key) throw new Error(`no personal-data key for subject ${subject}`);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      sealed: 'aes-256-gcm/v1',
      subject,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  /** The sealed value, or null once the subject has been shredded. */
  async unseal<T>(sealed: Sealed): Promise<T | null> {
    const key = await this.#key(sealed.subject);
    if (!key) return null;
    let plain = this.#opened.get(sealed);
    if (plain === undefined) {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      this.#opened.set(sealed, plain);
    }
    // parsed per caller: each gets its own object to change
    return JSON.parse(plain) as T;
  }

  /** Erases the subject's key: everything sealed for it is unreadable from now on. */
  async shred(subject: string): Promise<void> {
    this.#cache.delete(subject);
    this.#opened = new WeakMap();
    await this.#keys.delete(subject);
  }

  async #key(subject: string): Promise<KeyObject | undefined> {
    const cached = this.#cache.get(subject);
    if (cached && cached.until > Date.now()) return cached.key;
    const doc = await this.#keys.get(subject);
    if (!doc) {
      this.#cache.delete(subject);
      return undefined;
    }
    // a KeyObject is prepared once; a raw buffer would be copied into a new key per cipher
    const key = createSecretKey(Buffer.from(doc.key, 'base64'));
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(subject, { key, until: Date.now() + PersonalDataVault.cacheMs });
    return key;
  }
}
