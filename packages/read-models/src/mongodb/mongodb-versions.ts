import type { Db } from 'mongodb';
import type { ReadModelStore } from '../port.ts';
import { type ReadModelVersions, type VersionState, initialVersionState, versionPrefix } from '../versions.ts';

const META = 'read_model_versions';
/** How long readers keep the active version before asking again; a rebuild waits longer than this before it drops the old one. */
export const MONGO_ACTIVE_VERSION_TTL_MS = 1000;

type StoredState = VersionState & { _id: 'state'; rev: number };

/**
 * The version record of a MongoDB read-model database: one document, changed by
 * compare-and-set on its revision. Readers cache the active version for a second, so a
 * read costs no extra round trip.
 */
export class MongoVersions implements ReadModelVersions {
  readonly #db: Db;
  readonly #pin: (version: number) => ReadModelStore;
  #cached: { active: number; until: number } | undefined;

  constructor(db: Db, pin: (version: number) => ReadModelStore) {
    this.#db = db;
    this.#pin = pin;
  }

  async activeSoon(): Promise<number> {
    if (this.#cached && this.#cached.until > Date.now()) return this.#cached.active;
    const { active } = await this.state();
    this.#cached = { active, until: Date.now() + MONGO_ACTIVE_VERSION_TTL_MS };
    return active;
  }

  async state(): Promise<VersionState> {
    const stored = await this.#meta().findOne({ _id: 'state' });
    if (!stored) return initialVersionState;
    const { _id, rev: _rev, ...state } = stored;
    return state;
  }

  async update(change: (state: VersionState) => VersionState | null): Promise<VersionState | null> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const stored = await this.#meta().findOne({ _id: 'state' });
      const rev = stored?.rev ?? 0;
      const { _id, rev: _rev, ...current } = stored ?? { _id: 'state', rev: 0, ...initialVersionState };
      const next = change(current);
      if (!next) return null;
      const replacement: StoredState = { ...next, _id: 'state', rev: rev + 1 };
      if (!stored) {
        const inserted = await this.#meta().insertOne(replacement).then(() => true, (error: { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)));
        if (inserted) return next;
        continue;
      }
      const { matchedCount } = await this.#meta().replaceOne({ _id: 'state', rev }, replacement);
      if (matchedCount === 1) return next;
    }
    throw new Error('the read-model version record kept changing under this update');
  }

  at(version: number): ReadModelStore {
    return this.#pin(version);
  }

  async drop(version: number, keep: readonly string[] = []): Promise<void> {
    if (version === (await this.state()).active) throw new Error(`version ${version} is the active one: it cannot be dropped`);
    const kept = new Set(keep);
    for (const name of await collectionsOf(this.#db, version)) {
      if (!kept.has(name)) await this.#db.collection(name).drop().catch(() => false);
    }
  }

  #meta() {
    return this.#db.collection<StoredState>(META);
  }
}

/** The collections of a version: those under its prefix; for version 1, those under none. */
export async function collectionsOf(db: Db, version: number): Promise<string[]> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name).filter((name) => name !== META && !name.startsWith('system.'));
  if (version !== 1) return names.filter((name) => name.startsWith(versionPrefix(version)));
  return names.filter((name) => !/^v\d+_/.test(name));
}
