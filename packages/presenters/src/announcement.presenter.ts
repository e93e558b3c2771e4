import { type AnnouncementDoc, announcementMarksCollection, announcementReactions } from '@strata/views';
import type { PresenterDeps } from './deps.ts';

/** Mastodon's Announcement entities for one reader: whether they read each, and the reactions with their own marked. */
export async function presentAnnouncements(deps: PresenterDeps, viewer: string, docs: AnnouncementDoc[]) {
  const store = await deps.readModels();
  const ids = docs.map((d) => d.id);
  const [reactions, reads] = await Promise.all([
    announcementReactions(store, ids, viewer),
    announcementMarksCollection(store).getMany(ids.map((id) => `${viewer}:${id}`)),
  ]);
  const read = new Set(reads.map((r) => r.announcementId));
  return docs.map((doc) => ({
    id: doc.id,
    content: doc.contentHtml,
    starts_at: doc.startsAt,
    ends_at: doc.endsAt,
    all_day: doc.allDay,
    published: true,
    published_at: doc.publishedAt,
    updated_at: doc.updatedAt,
    read: read.has(doc.id),
    mentions: [],
    statuses: [],
    tags: [],
    emojis: [],
    reactions: [...(reactions.get(doc.id) ?? new Map()).entries()].map(([name, { count, me }]) => ({ name, count, me })),
  }));
}

/** The count of one reaction, as the `announcement.reaction` stream event carries it. */
export async function announcementReactionCount(deps: PresenterDeps, announcementId: string, name: string) {
  const reaction = (await announcementReactions(await deps.readModels(), [announcementId], null)).get(announcementId)?.get(name);
  return { name, count: reaction?.count ?? 0, announcement_id: announcementId };
}
