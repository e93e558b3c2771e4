import type { ProjectionContext } from './projection.ts';

/**
 * Event types whose projections change none of the relations a batch remembers (who
 * follows whom, list members, tag follows, erased and suspended accounts): statuses and
 * reactions to them, the bulk of any log. Any other event makes the projector forget
 * them, before and after it, so a relation read in a batch is never older than its last
 * change. Listed by what is known safe: a new event type is safe by default.
 */
const KEEPS_RELATIONS: ReadonlySet<string> = new Set([
  'StatusPosted', 'StatusEdited', 'StatusToggled', 'StatusReblogged', 'StatusUnreblogged',
  // no projection reads these: they exist for their streams' deciders (a remote post's or
  // actor's claim of its URI, a client's Idempotency-Key), and come with most posts
  'RemoteStatusClaimed', 'RemoteActorClaimed', 'IdempotencyKeyUsed',
  // their projections write media, polls and preview cards only
  'MediaUploaded', 'MediaProcessed', 'MediaProcessingFailed', 'MediaDescribed', 'MediaAttached', 'MediaDetached', 'RemoteMediaRecorded', 'RemoteMediaCached',
  'PollVoted', 'PollTallied', 'StatusPreviewCardFetched',
]);

/** Whether projecting this event type leaves every relation as it was (readers' relation caches stay valid). */
export const keepsRelations = (type: string) => KEEPS_RELATIONS.has(type);

/**
 * Relations read by projections of many events of one batch, remembered for the batch
 * (ADR: one writer per read model, so only the projector's own writes could change them,
 * and those come from the events that clear it). Values are shared: treat them as read-only.
 */
export class BatchMemo {
  readonly #values = new Map<string, Promise<unknown>>();
  #active = false;

  /** Called by the projector before each event: remembers only across events that keep relations. */
  beforeEvent(type: string) {
    this.#active = keepsRelations(type);
    if (!this.#active) this.#values.clear();
  }

  /** Called by the projector after each event, and when a batch ends (the next may follow other writers). */
  forgetUnlessKept() {
    if (!this.#active) this.#values.clear();
  }

  clear() {
    this.#values.clear();
  }

  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.#active) return load();
    let value = this.#values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.#values.set(key, value);
      // a failed read is not remembered: the retry reads again
      value.catch(() => this.#values.delete(key));
    }
    return value;
  }
}

/** A relation read through the batch's memo when the projector runs one (tests may call projections without). */
export function remembered<T>(context: ProjectionContext, key: string, load: () => Promise<T>): Promise<T> {
  return context.memo ? context.memo.remember(key, load) : load();
}
