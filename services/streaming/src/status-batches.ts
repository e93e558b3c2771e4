import type { Logger } from '@strata/logging';
import { type PresenterDeps, personalTouches, presentStatuses } from '@strata/presenters';
import type { ReadModelStore } from '@strata/read-models';
import { type FilterContextName, type StatusDoc, type ViewerRelations, loadViewer, loadViewers, showInFeed, statusesCollection, withAuthorsOfMany } from '@strata/views';
import type { ResolvedStream } from './streams.ts';

/** One message as a client receives it: the event and its payload rendered for that client. */
export interface Outgoing {
  event: string;
  /** Absent for events that carry none (`filters_changed`). */
  payload?: string;
  /** The same rendering for every connection it goes to (its frame can be made once). */
  shared?: boolean;
}

/** The filter context of each stream, as Mastodon applies filters to streamed statuses. */
const FILTER_CONTEXT: Partial<Record<ResolvedStream['name'], FilterContextName>> = {
  user: 'home',
  list: 'home',
  public: 'public',
  'public:media': 'public',
  'public:local': 'public',
  'public:local:media': 'public',
  'public:remote': 'public',
  'public:remote:media': 'public',
  hashtag: 'public',
  'hashtag:local': 'public',
};

/** A status event one connection waits to be sent, on one of its streams. */
interface Wanted {
  viewerId: string | null;
  stream: ResolvedStream;
  logger: Logger;
  resolve: (outgoing: Outgoing | null) => void;
}

interface Batch {
  event: 'update' | 'status.update';
  statusId: string;
  wanted: Wanted[];
}

/** Viewer-independent renderings of recent events, shared by every connection of this process. */
const renderings = new Map<string, { payload: Promise<string | null>; until: number }>();
const SHARED_MS = 1000;

async function sharedRendering(key: string, render: () => Promise<string | null>): Promise<string | null> {
  const now = Date.now();
  const hit = renderings.get(key);
  if (hit && hit.until > now) return hit.payload;
  if (renderings.size > 1000) for (const [k, v] of renderings) if (v.until <= now) renderings.delete(k);
  const payload = render();
  renderings.set(key, { payload, until: now + SHARED_MS });
  // a status this viewer could not be shown (null) is rendered again for the next one
  const settled = await payload.catch(() => null);
  if (settled === null) renderings.delete(key);
  return settled;
}

const batchesOf = new WeakMap<PresenterDeps, StatusBatches>();

/**
 * Status events (`update`, `status.update`) rendered for every connection of this process
 * that waits for the same one in the same turn of the event loop, at once: the status, the
 * recipients' relations, flags and filters are each read in one query for all of them, the
 * visibility policy decides for each recipient in memory, and the viewer-independent
 * rendering is made once and sent to every recipient with nothing personal on the status.
 * Only a recipient with a flag, a filter or a poll on it gets a rendering of their own.
 */
export class StatusBatches {
  readonly #deps: PresenterDeps;
  /** The read models without the shared cache: an edited status must be read as it is now. */
  readonly #fresh: () => Promise<ReadModelStore>;
  #waiting = new Map<string, Batch>();

  constructor(deps: PresenterDeps, fresh: () => Promise<ReadModelStore>) {
    this.#deps = deps;
    this.#fresh = fresh;
  }

  /** The batches of the connections that share these presenters (one streaming service). */
  static of(deps: PresenterDeps, fresh: () => Promise<ReadModelStore>): StatusBatches {
    let batches = batchesOf.get(deps);
    if (!batches) batchesOf.set(deps, (batches = new StatusBatches(deps, fresh)));
    return batches;
  }

  /** The event as this viewer's stream shows it, or null when they must not see it. */
  render(viewerId: string | null, stream: ResolvedStream, event: Batch['event'], statusId: string, logger: Logger): Promise<Outgoing | null> {
    return new Promise((resolve) => {
      const key = `${event}:${statusId}`;
      let batch = this.#waiting.get(key);
      if (!batch) {
        // announcements of one event reach every connection within one turn: they are all waiting by the next
        if (this.#waiting.size === 0) setImmediate(() => this.#flush());
        this.#waiting.set(key, (batch = { event, statusId, wanted: [] }));
      }
      batch.wanted.push({ viewerId, stream, logger, resolve });
    });
  }

  #flush() {
    const batches = [...this.#waiting.values()];
    this.#waiting = new Map();
    for (const batch of batches) {
      this.#renderAll(batch).catch((error: unknown) => {
        batch.wanted[0]?.logger.warn({ err: error, event: batch.event }, 'could not render a streamed event');
        for (const wanted of batch.wanted) wanted.resolve(null);
      });
    }
  }

  async #renderAll({ event, statusId, wanted }: Batch) {
    const store = await this.#deps.readModels();
    const doc = await statusesCollection(event === 'status.update' ? await this.#fresh() : store).get(statusId);
    if (!doc) return wanted.forEach((w) => w.resolve(null));
    const now = new Date();
    const viewerIds = [...new Set(wanted.flatMap((w) => (w.viewerId ? [w.viewerId] : [])))];
    const relations = await withAuthorsOfMany(store, await loadViewers(store, viewerIds, now), [doc]);
    const anonymous = wanted.some((w) => !w.viewerId) ? await loadViewer(store, null, now) : null;
    const relationsOf = (viewerId: string | null) => (viewerId ? relations.get(viewerId)! : anonymous!);
    // feeds leave muted accounts out, as the timelines do
    const shown: Wanted[] = [];
    for (const w of wanted) {
      if (!(w.stream.onlyMedia && !doc.hasMedia) && showInFeed(relationsOf(w.viewerId), doc)) shown.push(w);
      else w.resolve(null);
    }
    if (shown.length === 0) return;
    const contexts = shown.flatMap((w) => FILTER_CONTEXT[w.stream.name] ?? []);
    const personal = await personalTouches(this.#deps, [...new Set(shown.flatMap((w) => (w.viewerId ? [w.viewerId] : [])))], doc, contexts);
    // each rendering is made once in the batch: the shared one (signed in or not), and each viewer's own per filter context
    const renderings = new Map<string, Promise<string | null>>();
    for (const w of shown) {
      const context = FILTER_CONTEXT[w.stream.name];
      const shared = !personal(w.viewerId, context);
      const key = shared ? (w.viewerId ? 'signed-in' : 'anonymous') : `${w.viewerId}:${context ?? ''}`;
      let payload = renderings.get(key);
      if (!payload) renderings.set(key, (payload = this.#rendering(doc, event, relationsOf(w.viewerId), context, shared)));
      payload.then(
        (text) => w.resolve(text === null ? null : { event, payload: text, shared }),
        (error: unknown) => {
          w.logger.warn({ err: error, event }, 'could not render a streamed event');
          w.resolve(null);
        },
      );
    }
  }

  /** The shared rendering (made once per event for the whole process), or this viewer's own where something personal touches the status. */
  #rendering(doc: StatusDoc, event: string, relations: ViewerRelations, context: FilterContextName | undefined, shared: boolean): Promise<string | null> {
    const render = () =>
      presentStatuses(this.#deps, relations, [doc], { ...(context && { filterContext: context }), viewerIndependent: shared }).then(([status]) => (status ? JSON.stringify(status) : null));
    if (!shared) return render();
    return sharedRendering(`${relations.viewerId ? 'signed-in' : 'anonymous'}:${event}:${doc.id}:${doc.streamRevision}:${doc.repliesCount}:${doc.reblogsCount}:${doc.favouritesCount}`, render);
  }
}
