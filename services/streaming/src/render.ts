import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import { type PresentOptions, type PresenterDeps, announcementReactionCount, hasPersonalTouches, presentAnnouncements, presentConversations, presentNotifications, presentStatuses } from '@strata/presenters';
import { type StreamMessage, announcementsCollection, type ViewerRelations, canView, conversationOf, loadViewer, notificationsCollection, showInFeed, statusesCollection, withAuthorsOf } from '@strata/views';
import type { ResolvedStream } from './streams.ts';

/** One message as a client receives it: the event and its payload rendered for that client. */
export interface Outgoing {
  event: string;
  /** Absent for events that carry none (`filters_changed`). */
  payload?: string;
}

/** The filter context of each stream, as Mastodon applies filters to streamed statuses. */
const FILTER_CONTEXT: Partial<Record<ResolvedStream['name'], NonNullable<PresentOptions['filterContext']>>> = {
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

/** Viewer-independent renderings of recent events, shared by every connection of this process. */
const shared = new Map<string, { payload: Promise<string | null>; until: number }>();
const SHARED_MS = 1000;

async function sharedRendering(key: string, render: () => Promise<string | null>): Promise<string | null> {
  const now = Date.now();
  const hit = shared.get(key);
  if (hit && hit.until > now) return hit.payload;
  if (shared.size > 1000) for (const [k, v] of shared) if (v.until <= now) shared.delete(k);
  const payload = render();
  shared.set(key, { payload, until: now + SHARED_MS });
  // a status this viewer could not be shown (null) is rendered again for the next one
  const settled = await payload.catch(() => null);
  if (settled === null) shared.delete(key);
  return settled;
}

/** How long a viewer's blocks, mutes and suspensions are reused between events. */
const RELATIONS_CACHE_MS = 5000;

/**
 * Renders what the projector announced for one viewer, or nothing when they must not
 * see it: the same visibility, block and mute rules as the timelines, and their own
 * flags on each status.
 */
export class StreamRenderer {
  readonly #deps: PresenterDeps;
  /** The read models without the shared cache: an edited status must be read as it is now. */
  readonly #fresh: () => Promise<ReadModelStore>;
  readonly #viewer: string | null;
  readonly #logger: Logger;
  #relations: { value: ViewerRelations; until: number } | undefined;

  constructor(deps: PresenterDeps, viewer: string | null, logger: Logger, fresh: () => Promise<ReadModelStore>) {
    this.#deps = deps;
    this.#fresh = fresh;
    this.#viewer = viewer;
    this.#logger = logger;
  }

  async render(stream: ResolvedStream, message: StreamMessage): Promise<Outgoing | null> {
    if (!stream.events.has(message.event)) return null;
    try {
      if (message.event === 'delete') return { event: 'delete', payload: message.statusId };
      if (message.event === 'notification') return await this.#notification(message.notificationId);
      if (message.event === 'suspended') return null;
      if (message.event === 'filters_changed') return message.accountId === this.#viewer ? { event: 'filters_changed' } : null;
      if (message.event === 'announcement.reaction') return { event: message.event, payload: JSON.stringify(await announcementReactionCount(this.#deps, message.announcementId, message.name)) };
      if (message.event === 'announcement.delete') return { event: message.event, payload: message.announcementId };
      if (message.event === 'announcement') return await this.#announcement(message.announcementId);
      return await this.#status(stream, message.event, message.statusId);
    } catch (error) {
      this.#logger.warn({ err: error, event: message.event }, 'could not render a streamed event');
      return null;
    }
  }

  async #status(stream: ResolvedStream, event: string, statusId: string): Promise<Outgoing | null> {
    const store = await this.#deps.readModels();
    const doc = await statusesCollection(event === 'status.update' ? await this.#fresh() : store).get(statusId);
    if (!doc || (stream.onlyMedia && !doc.hasMedia)) return null;
    const relations = await withAuthorsOf(store, await this.#viewerRelations(), [doc]);
    // feeds leave muted accounts out; a direct conversation is shown whenever it is visible
    if (!(event === 'conversation' ? canView : showInFeed)(relations, doc)) return null;
    const context = event === 'conversation' ? undefined : FILTER_CONTEXT[stream.name];
    const options = context ? { filterContext: context } : {};
    if (event !== 'conversation') {
      // the rendering every viewer shares, made once per event; only a viewer with flags or filters on it gets their own
      if (!(await hasPersonalTouches(this.#deps, this.#viewer, doc, options))) {
        const payload = await sharedRendering(`${this.#viewer ? 'signed-in' : 'anonymous'}:${event}:${doc.id}:${doc.streamRevision}:${doc.repliesCount}:${doc.reblogsCount}:${doc.favouritesCount}`, () =>
          presentStatuses(this.#deps, relations, [doc], { ...options, viewerIndependent: true }).then(([status]) => (status ? JSON.stringify(status) : null)),
        );
        return payload ? { event, payload } : null;
      }
      const [status] = await presentStatuses(this.#deps, relations, [doc], options);
      return status ? { event, payload: JSON.stringify(status) } : null;
    }
    // the conversation as the viewer's list shows it (GET /api/v1/conversations), this status last
    const conversation = this.#viewer ? await conversationOf(store, this.#viewer, doc.id) : null;
    if (!conversation || conversation.removed) return null;
    const [entity] = await presentConversations(this.#deps, this.#viewer!, [{ ...conversation, statusIds: [doc.id] }]);
    return entity ? { event: 'conversation', payload: JSON.stringify(entity) } : null;
  }

  async #announcement(announcementId: string): Promise<Outgoing | null> {
    const doc = this.#viewer ? await announcementsCollection(await this.#deps.readModels()).get(announcementId) : undefined;
    if (!doc) return null;
    const [announcement] = await presentAnnouncements(this.#deps, this.#viewer!, [doc]);
    return { event: 'announcement', payload: JSON.stringify(announcement) };
  }

  async #notification(notificationId: string): Promise<Outgoing | null> {
    if (!this.#viewer) return null;
    const doc = await notificationsCollection(await this.#deps.readModels()).get(notificationId);
    if (!doc || doc.accountId !== this.#viewer) return null;
    if ((await this.#viewerRelations()).muted.has(doc.fromAccountId)) return null;
    const [notification] = await presentNotifications(this.#deps, this.#viewer, [doc]);
    return notification ? { event: 'notification', payload: JSON.stringify(notification) } : null;
  }

  async #viewerRelations(): Promise<ViewerRelations> {
    const now = Date.now();
    if (!this.#relations || this.#relations.until < now) {
      this.#relations = { value: await loadViewer(await this.#deps.readModels(), this.#viewer, new Date(now)), until: now + RELATIONS_CACHE_MS };
    }
    return this.#relations.value;
  }
}
