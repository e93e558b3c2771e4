import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import { type PresenterDeps, announcementReactionCount, presentAnnouncements, presentConversations, presentNotifications } from '@strata/presenters';
import { type StreamMessage, announcementsCollection, canView, conversationOf, loadViewer, notificationsCollection, statusesCollection, withAuthorsOf } from '@strata/views';
import { type Outgoing, StatusBatches } from './status-batches.ts';
import type { ResolvedStream } from './streams.ts';

export type { Outgoing } from './status-batches.ts';

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
  readonly #batches: StatusBatches;

  constructor(deps: PresenterDeps, viewer: string | null, logger: Logger, fresh: () => Promise<ReadModelStore>) {
    this.#deps = deps;
    this.#fresh = fresh;
    this.#viewer = viewer;
    this.#logger = logger;
    this.#batches = StatusBatches.of(deps, fresh);
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
      // rendered with every other connection of this process that waits for the same event
      if (message.event === 'update' || message.event === 'status.update') return await this.#batches.render(this.#viewer, stream, message.event, message.statusId, this.#logger);
      return await this.#conversation(message.statusId);
    } catch (error) {
      this.#logger.warn({ err: error, event: message.event }, 'could not render a streamed event');
      return null;
    }
  }

  async #conversation(statusId: string): Promise<Outgoing | null> {
    const store = await this.#deps.readModels();
    const doc = await statusesCollection(store).get(statusId);
    if (!doc) return null;
    // a direct conversation is shown whenever it is visible (mutes do not hide it)
    if (!canView(await withAuthorsOf(store, await this.#viewerRelations(), [doc]), doc)) return null;
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

  /** Loaded under the projector's relations stamp: a block or mute applies from the next event on. */
  #viewerRelations() {
    return this.#deps.readModels().then((store) => loadViewer(store, this.#viewer, new Date()));
  }
}
