import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import { plainTextToHtml } from '@strata/text';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { type Projection, type ProjectionContext, type StreamMessage, channels } from '../projection/projection.ts';

export interface AnnouncementDoc extends Doc {
  text: string;
  contentHtml: string;
  startsAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  publishedAt: string;
  updatedAt: string;
}
/** A reader's dismissal (`account:announcement`) or reaction (`account:announcement:name`). */
export interface AnnouncementMarkDoc extends Doc {
  announcementId: string;
  accountId: string;
  /** null for a dismissal. */
  name: string | null;
}

export function announcementsCollection(store: ReadModelStore): Collection<AnnouncementDoc> {
  return store.collection<AnnouncementDoc>('announcements', { indexes: [['publishedAt']] });
}
export function announcementMarksCollection(store: ReadModelStore): Collection<AnnouncementMarkDoc> {
  return store.collection<AnnouncementMarkDoc>('announcement_marks', { indexes: [['announcementId', 'name'], ['accountId']] });
}

/** Every local account's user stream hears of announcements (they are rare: the fan-out is cheap). */
async function toEveryone(store: ReadModelStore, message: StreamMessage, publish: ProjectionContext['publish']) {
  for (const account of await accountsCollection(store).find({ where: { domain: null } })) publish(channels.user(account.id), message);
}

/** Announcements, who read them and who reacted how; announced on every local user's stream. */
export const announcementsProjection: Projection = {
  name: 'announcements',
  handles: new Set(['AnnouncementPublished', 'AnnouncementDeleted', 'AnnouncementDismissed', 'AnnouncementReactionChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const marks = announcementMarksCollection(store);
    if (event?.type === 'AnnouncementPublished') {
      const { announcementId: id, text, startsAt, endsAt, allDay, at } = event.data;
      await announcementsCollection(store).upsert({ id, text, contentHtml: plainTextToHtml(text), startsAt, endsAt, allDay, publishedAt: at, updatedAt: at });
      await toEveryone(store, { event: 'announcement', announcementId: id }, context.publish);
    } else if (event?.type === 'AnnouncementDeleted') {
      const { announcementId } = event.data;
      await announcementsCollection(store).delete(announcementId);
      await marks.deleteWhere({ announcementId });
      await toEveryone(store, { event: 'announcement.delete', announcementId }, context.publish);
    } else if (event?.type === 'AnnouncementDismissed') {
      const { announcementId, accountId } = event.data;
      if (await announcementsCollection(store).get(announcementId)) await marks.upsert({ id: `${accountId}:${announcementId}`, announcementId, accountId, name: null });
    } else if (event?.type === 'AnnouncementReactionChanged') {
      const { announcementId, accountId, name, on } = event.data;
      if (!(await announcementsCollection(store).get(announcementId))) return;
      const id = `${accountId}:${announcementId}:${name}`;
      const changed = on ? await marks.insert({ id, announcementId, accountId, name }) : await marks.delete(id);
      if (changed) await toEveryone(store, { event: 'announcement.reaction', announcementId, name }, context.publish);
    } else if (event?.type === 'AccountDeleted') {
      await marks.deleteWhere({ accountId: event.data.accountId });
    }
  },
};

/** Reactions to announcements as Mastodon shows them: per name, a count and whether the viewer is among them. */
export async function announcementReactions(store: ReadModelStore, announcementIds: string[], viewer: string | null) {
  const marks = await announcementMarksCollection(store).find({ where: { announcementId: { $in: announcementIds } } });
  const byAnnouncement = new Map<string, Map<string, { count: number; me: boolean }>>();
  for (const mark of marks) {
    if (mark.name === null) continue;
    const names = byAnnouncement.get(mark.announcementId) ?? new Map<string, { count: number; me: boolean }>();
    const reaction = names.get(mark.name) ?? { count: 0, me: false };
    names.set(mark.name, { count: reaction.count + 1, me: reaction.me || mark.accountId === viewer });
    byAnnouncement.set(mark.announcementId, names);
  }
  return byAnnouncement;
}
