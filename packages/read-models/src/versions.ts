import type { Collection, Doc, Feed, ReadModelStore } from './port.ts';

/**
 * Which version of the read models readers see, and the hand-over from a rebuild to
 * the live projector. A rebuild writes a new version (its own tables or collections)
 * beside the active one; readers resolve the active version on every call, so one
 * update of this small record moves them all at once.
 */
export interface VersionState {
  /** The version readers see. */
  active: number;
  /** The last version handed out; versions are never reused, so neither are their consumer groups. */
  last: number;
  /** The rebuild writing a version, while its lease lasts (it renews it as it goes). */
  building?: { version: number; leaseUntil: number };
  /**
   * A rebuild that caught up offers its version to the live projector, which takes it
   * (`taken`), stops writing the old version, brings the new one up to where the old one
   * stopped and then activates it. `readyAt` is the last position the rebuild projected.
   */
  handoff?: { from: number; version: number; state: 'offered' | 'taken'; readyAt: number };
  /** A version that is no longer active, to be dropped once readers have left it. */
  retired?: number;
}

export const initialVersionState: VersionState = { active: 1, last: 1 };

export interface ReadModelVersions {
  state(): Promise<VersionState>;
  /**
   * Changes the record atomically (compare-and-set): `change` sees the current state and
   * returns the next one, or null to leave it; the result is what was written, or null.
   */
  update(change: (state: VersionState) => VersionState | null): Promise<VersionState | null>;
  /** The store pinned to one version: the writes of the projector that owns it. */
  at(version: number): ReadModelStore;
  /** Drops a version's tables or collections, except those of `keep` (state no rebuild recreates). */
  drop(version: number, keep?: readonly string[]): Promise<void>;
}

/** A collection that finds the version to read on every call, so readers move with the switch. */
export function followingCollection<T extends Doc>(name: string, resolve: () => Collection<T> | Promise<Collection<T>>): Collection<T> {
  const at = async () => resolve();
  return {
    name,
    get: async (id) => (await at()).get(id),
    getMany: async (ids) => (await at()).getMany(ids),
    upsert: async (doc) => (await at()).upsert(doc),
    insert: async (doc) => (await at()).insert(doc),
    upsertMany: async (docs) => (await at()).upsertMany(docs),
    patch: async (id, fields) => (await at()).patch(id, fields),
    increment: async (id, by) => (await at()).increment(id, by),
    delete: async (id) => (await at()).delete(id),
    deleteWhere: async (where) => (await at()).deleteWhere(where),
    find: async (options) => (await at()).find(options),
    ids: async (options) => (await at()).ids(options),
    count: async (where) => (await at()).count(where),
    search: async (text, options) => (await at()).search(text, options),
  };
}

/** A feed that finds the version to read on every call, as `followingCollection`. */
export function followingFeed(name: string, resolve: () => Feed | Promise<Feed>): Feed {
  const at = async () => resolve();
  return {
    name,
    push: async (ownerIds, entry) => (await at()).push(ownerIds, entry),
    add: async (entries) => (await at()).add(entries),
    page: async (ownerId, page) => (await at()).page(ownerId, page),
    find: async (match) => (await at()).find(match),
    count: async (match) => (await at()).count(match),
    remove: async (match) => (await at()).remove(match),
    trim: async (ownerId, keep) => (await at()).trim(ownerId, keep),
  };
}

/** Version 1 keeps the names stores had before versions existed; later ones are prefixed. */
export function versionPrefix(version: number): string {
  return version === 1 ? '' : `v${version}_`;
}

/** The versions of a store that has none (the vault, Fedify's store): always version 1, never rebuilt. */
export function unversioned(store: ReadModelStore): ReadModelVersions {
  const refuse = async (): Promise<never> => {
    throw new Error('this store keeps no versions: only the read models are rebuilt');
  };
  return {
    state: async () => initialVersionState,
    update: refuse,
    at: (version) => (version === 1 ? store : refuse() as never),
    drop: refuse,
  };
}
