import { type AnnouncementDoc, announcementMarksCollection, announcementReactions, localEmojisIn } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { emojisUsedIn, presentCustomEmoji } from './custom-emoji.presenter.ts';

/** Mastodon's Announcement entities for one reader: whether they read each, and the reactions with their own marked. */
export async function presentAnnouncements(deps: PresenterDeps, viewer: string, docs: AnnouncementDoc[]) {
  const store = await deps.readModels();
  const ids = docs.map((d) => d.id);
  const [reactions, reads] = await Promise.all([
    announcementReactions(store, ids, viewer),
    announcementMarksCollection(store).getMany(ids.map((id) => `${viewer}:${id}`)),
  ]);
  const read = new Set(reads.map((r) => r.announcementId));
  // custom emojis in the texts, and reactions named after one (which then carry its image)
  const reactionNames = [...reactions.values()].flatMap((names) => [...names.keys()].map((name) => `:${name}:`));
  const emojis = await localEmojisIn(store, [...docs.map((d) => d.text), ...reactionNames]);
  const image = (name: string) => {
    const emoji = emojis.get(name);
    return emoji ? (({ url, static_url }) => ({ url, static_url }))(presentCustomEmoji(deps.media, emoji)) : {};
  };
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
    emojis: emojisUsedIn(deps.media, emojis, [doc.text]),
    reactions: [...(reactions.get(doc.id) ?? new Map()).entries()].map(([name, { count, me }]) => ({ name, count, me, ...image(name) })),
  }));
}

/** The count of one reaction, as the `announcement.reaction` stream event carries it. */
export async function announcementReactionCount(deps: PresenterDeps, announcementId: string, name: string) {
  const reaction = (await announcementReactions(await deps.readModels(), [announcementId], null)).get(announcementId)?.get(name);
  return { name, count: reaction?.count ?? 0, announcement_id: announcementId };
}
