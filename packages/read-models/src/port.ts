import type { Closeable } from '@strata/kernel';
import type { ReadModelVersions } from './versions.ts';

/** A read-model document: a JSON object with a string id. */
export interface Doc {
  id: string;
  [field: string]: unknown;
}

export type Scalar = string | number | boolean | null;

/**
 * A filter on top-level fields, a small subset of MongoDB's: equality, $in, $ne, range
 * operators, $exists. Fields must be top-level (no dots). A missing field equals null.
 * Fields declared in `arrayFields` match when any element is equal, for equality and $in.
 */
export type FieldCondition =
  | Scalar
  | {
      $eq?: Scalar;
      $ne?: Scalar;
      $in?: Scalar[];
      $nin?: Scalar[];
      $gt?: string | number;
      $gte?: string | number;
      $lt?: string | number;
      $lte?: string | number;
      $exists?: boolean;
    };
export type Filter = Record<string, FieldCondition>;

export interface FindOptions {
  where?: Filter;
  /**
   * Sort on one top-level field. Strings compare as strings, so for snowflake ids that
   * must sort numerically use the field `id` or any field declared in `numericStringFields`.
   */
  sort?: { field: string; direction: 'asc' | 'desc' };
  /**
   * The caller keys the results itself (a lookup of a page's ids): any order will do, so
   * the engine may skip its sort, which costs more than looking up a handful of ids.
   * Not with `limit`, `offset` or `sort`.
   */
  unordered?: boolean;
  /**
   * Which declared index (`CollectionOptions.indexes`, the same fields) to search, where the
   * planner would pick a less selective one: for a viewer's boosts of a page SQLite picks
   * `(accountId, id)` and walks all the viewer's statuses instead of probing the page's ids.
   */
  index?: string[];
  limit?: number;
  offset?: number;
}

export interface SearchOptions {
  where?: Filter;
  limit?: number;
  offset?: number;
}

export interface CollectionOptions {
  /** Fields (or field tuples) queried together, indexed by the adapter. */
  indexes?: string[][];
  /** Text fields covered by full-text search. */
  searchFields?: string[];
  /** String fields holding decimal ids that must compare and sort numerically. */
  numericStringFields?: string[];
  /**
   * Fields holding arrays of scalars: an equality or $in condition on them matches when
   * any element matches (MongoDB does this for every field; SQL engines need telling).
   */
  arrayFields?: string[];
  /**
   * State that no projection writes and the log cannot recreate (an operator's archive
   * and import requests): one collection shared by every version, kept by rebuilds.
   */
  keptAcrossRebuilds?: boolean;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  get(id: string): Promise<T | null>;
  getMany(ids: string[]): Promise<T[]>;
  /** Inserts or replaces the whole document. */
  upsert(doc: T): Promise<void>;
  /** Inserts only when no document has this id; false when one does (a uniqueness claim). */
  insert(doc: T): Promise<boolean>;
  /** Inserts or replaces many documents in one go. */
  upsertMany(docs: T[]): Promise<void>;
  /** Sets the given top-level fields; false when no such document. */
  patch(id: string, fields: Partial<T>): Promise<boolean>;
  /** Atomically adds `by` to numeric fields (missing counts as 0); false when no such document. */
  increment(id: string, by: Partial<Record<keyof T & string, number>>): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  /** Deletes every match; returns how many. */
  deleteWhere(where: Filter): Promise<number>;
  find(options?: FindOptions): Promise<T[]>;
  /** The ids of what `find` would return, without reading the documents when an index covers the filter. */
  ids(options?: FindOptions): Promise<string[]>;
  count(where?: Filter): Promise<number>;
  /** Full-text search over `searchFields`, best match first. */
  search(text: string, options?: SearchOptions): Promise<T[]>;
}

/** One entry of a feed: a status in one owner's timeline, its author, and for a boost the status boosted. */
export interface FeedEntry {
  ownerId: string;
  statusId: string;
  authorId: string;
  reblogOfId: string | null;
}

/** Which feed entries: every field given must match. Those naming `ownerId` or `statusIds` are indexed. */
export interface FeedMatch {
  ownerId?: string;
  authorId?: string;
  statusIds?: string[];
  reblogOfId?: string;
}

/** A page of one owner's timeline: status ids strictly below and above the bounds, in `direction` of status id. */
export interface FeedPage {
  below?: string | undefined;
  above?: string | undefined;
  direction: 'asc' | 'desc';
  limit: number;
}

/**
 * Timelines of status ids, one per owner (home feeds): the widest write there is, one
 * status into every follower's timeline, so adapters keep entries narrower than a
 * document. Status ids are decimal ids ordered as numbers. Versioned and dropped like
 * the collections.
 */
export interface Feed {
  readonly name: string;
  /** Puts one status into each owner's timeline; an entry already there stays as it is. */
  push(ownerIds: Iterable<string>, entry: Omit<FeedEntry, 'ownerId'>): Promise<void>;
  /** Adds entries of any owners; those already there stay as they are. */
  add(entries: FeedEntry[]): Promise<void>;
  page(ownerId: string, page: FeedPage): Promise<FeedEntry[]>;
  find(match: FeedMatch): Promise<FeedEntry[]>;
  count(match: FeedMatch): Promise<number>;
  /** Removes every match; returns how many. */
  remove(match: FeedMatch): Promise<number>;
  /** Cuts the owner's timeline back to its newest `keep` entries. */
  trim(ownerId: string, keep: number): Promise<void>;
}

/**
 * The read-model store: documents the projections write and queries read. Queries
 * read only these; they never replay events.
 */
export interface ReadModelStore extends Closeable {
  /** A collection of the active version (which readers follow as it changes), or of the version this store is pinned to. */
  collection<T extends Doc = Doc>(name: string, options?: CollectionOptions): Collection<T>;
  /** A feed of the active version (followed as it changes), or of the pinned one, as `collection`. */
  feed(name: string): Feed;
  /** The versions of the read models, for rebuilds beside the live ones (versions.ts). */
  readonly versions: ReadModelVersions;
  /** Removes every collection's data in this store's version. */
  dropAll(): Promise<void>;
  /**
   * Opens a write batch if none is open; later writes join it until `flushBatch`. Lets
   * the projector make many events' writes durable at once (one SQLite commit instead of
   * one per write). Only the single writer of a store may use it; engines whose writes
   * are durable one by one treat both as no-ops.
   */
  beginBatch(): void;
  flushBatch(): Promise<void>;
}
