import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type StatusContent, type StatusPosted, strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';
import { notify } from '../notifications/notifications.ts';
import { notificationsCollection } from '../notifications/notifications.ts';
import { type Projection, type ProjectionContext, type StreamMessage, channels } from '../projection/projection.ts';
import { listMembersCollection } from '../timelines/lists.ts';
import { followsCollection } from '../relationships/relationships.collection.ts';
import { fanOut, homeFeed } from '../timelines/home-feed.ts';
import { renderContent } from './render.ts';
import { type StatusDoc, marksCollection, statusEditsCollection, statusesCollection } from './statuses.collection.ts';
import { recordTags, tagFollowers } from './tags.ts';
import { PUBLICLY_COUNTED, countsPublicly } from '../visibility/visibility-policy.ts';

const EMPTY: StatusContent = { text: '', spoilerText: '', tags: [] };

/** Statuses, their edit history, home timelines (fan-out on write), mention and status notifications. */
export const statusesProjection: Projection = {
  name: 'statuses',
  handles: new Set(['StatusPosted', 'StatusEdited', 'StatusDeleted', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const statuses = statusesCollection(store);
    if (event?.type === 'StatusPosted') {
      if ((await statuses.get(event.data.statusId)) || (await anyErased(store, [event.data.accountId]))) return;
      const content = (await context.personalData.unseal<StatusContent>(event.data.content)) ?? EMPTY;
      const doc = await newStatus(store, context.publicUrl, event.data, content, recorded.revision);
      await statuses.upsert(doc);
      await statusEditsCollection(store).upsert(editOf(doc, doc.createdAt));
      await afterPosted(store, doc, event.data, recorded, context.publish);
    } else if (event?.type === 'StatusEdited') {
      const doc = await statuses.get(event.data.statusId);
      if (!doc || doc.streamRevision >= recorded.revision) return;
      const content = (await context.personalData.unseal<StatusContent>(event.data.content)) ?? EMPTY;
      const rendered = await renderContent(store, context.publicUrl, content, event.data.mentionedAccountIds);
      const edited: StatusDoc = {
        ...doc,
        ...rendered,
        text: content.text,
        spoilerText: content.spoilerText,
        tags: content.tags,
        emojis: content.emojis ?? [],
        sensitive: event.data.sensitive,
        language: event.data.language,
        mentionIds: event.data.mentionedAccountIds,
        mediaIds: event.data.mediaIds,
        hasMedia: event.data.mediaIds.length > 0,
        editedAt: event.data.editedAt,
        streamRevision: recorded.revision,
      };
      await statuses.upsert(edited);
      await statusEditsCollection(store).upsert(editOf(edited, event.data.editedAt, recorded.revision));
      const boosters = (await statuses.find({ where: { reblogOfId: doc.id } })).map((s) => s.accountId);
      await notify(store, { recipients: boosters, type: 'update', fromAccountId: doc.accountId, statusId: doc.id, eventId: recorded.id, at: event.data.editedAt }, context.publish);
      await announce(store, edited, { event: 'status.update', statusId: doc.id }, context.publish);
    } else if (event?.type === 'StatusDeleted') {
      await removeStatus(store, event.data.statusId, context.publish);
      await recountAccount(store, event.data.accountId);
    } else if (event?.type === 'AccountDeleted') {
      // its own statuses, with everything hanging on them (boosts by it go with the reactions projection)
      const own = await statuses.find({ where: { accountId: event.data.accountId, reblogOfId: null } });
      for (const status of own) await removeStatus(store, status.id, context.publish);
    }
  },
};

async function newStatus(store: ReadModelStore, publicUrl: string, data: EventOf<typeof StatusPosted>['data'], content: StatusContent, revision: number): Promise<StatusDoc> {
  const rendered = await renderContent(store, publicUrl, content, data.mentionedAccountIds);
  return {
    id: data.statusId,
    accountId: data.accountId,
    visibility: data.visibility,
    inReplyToId: data.inReplyToId,
    inReplyToAccountId: data.inReplyToAccountId,
    reblogOfId: null,
    reblogOfAccountId: null,
    text: content.text,
    spoilerText: content.spoilerText,
    ...rendered,
    sensitive: data.sensitive,
    language: data.language,
    mentionIds: data.mentionedAccountIds,
    tags: content.tags,
    emojis: content.emojis ?? [],
    mediaIds: data.mediaIds,
    hasMedia: data.mediaIds.length > 0,
    createdAt: data.postedAt,
    editedAt: null,
    local: data.remote === null,
    uri: data.remote?.uri ?? null,
    url: data.remote?.url ?? null,
    applicationId: data.applicationId,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    streamRevision: revision,
  };
}

function editOf(doc: StatusDoc, at: string, revision = 0) {
  const { text, spoilerText, contentHtml, sensitive } = doc;
  return { id: `${doc.id}:${revision}`, statusId: doc.id, text, spoilerText, contentHtml, sensitive, mediaIds: doc.mediaIds ?? [], createdAt: at };
}

/** Who gets a new status in their home timeline, and who is notified of it. */
type Publish = ProjectionContext['publish'];

async function afterPosted(store: ReadModelStore, doc: StatusDoc, data: EventOf<typeof StatusPosted>['data'], recorded: RecordedEvent, publish: Publish) {
  const followers = await followsCollection(store).find({ where: { followedId: doc.accountId, state: 'following' } });
  const audience = new Set<string>([doc.accountId]);
  if (doc.visibility === 'direct') {
    for (const id of doc.mentionIds) audience.add(id);
  } else {
    // a reply reaches a follower only if they also follow the account replied to, as in Mastodon
    const repliedTo = doc.inReplyToAccountId && doc.inReplyToAccountId !== doc.accountId ? doc.inReplyToAccountId : null;
    const alsoFollowing = repliedTo
      ? new Set((await followsCollection(store).find({ where: { followedId: repliedTo, state: 'following' } })).map((f) => f.followerId))
      : null;
    for (const follow of followers) if (!alsoFollowing || alsoFollowing.has(follow.followerId) || follow.followerId === repliedTo) audience.add(follow.followerId);
    if (doc.visibility === 'public') for (const id of await tagFollowers(store, doc.tags)) audience.add(id);
  }
  await fanOut(store, audience, { statusId: doc.id, authorId: doc.accountId, reblogOfId: null });
  for (const owner of audience) publish(channels.user(owner), { event: 'update', statusId: doc.id });
  await announce(store, doc, { event: 'update', statusId: doc.id }, publish, false);
  if (countsPublicly(doc)) await recordTags(store, doc.tags, doc.createdAt);
  await notify(store, { recipients: doc.mentionIds, type: 'mention', fromAccountId: doc.accountId, statusId: doc.id, eventId: recorded.id, at: data.postedAt }, publish);
  if (doc.visibility !== 'direct') {
    const subscribers = followers.filter((f) => f.notify).map((f) => f.followerId);
    await notify(store, { recipients: subscribers, type: 'status', fromAccountId: doc.accountId, statusId: doc.id, eventId: recorded.id, at: data.postedAt }, publish);
  }
  if (doc.inReplyToId) await recountReplies(store, doc.inReplyToId);
  await recountAccount(store, doc.accountId);
}

/**
 * Tells the streams other than home timelines: public and hashtag timelines, the lists
 * that hold the author, and for direct statuses the conversations of those in it.
 */
async function announce(store: ReadModelStore, doc: StatusDoc, message: Extract<StreamMessage, { statusId: string }>, publish: Publish, homes = true) {
  if (homes) for (const entry of await homeFeed(store).find({ where: { statusId: doc.id } })) publish(channels.user(entry.ownerId), message);
  if (doc.visibility === 'direct') {
    for (const id of new Set([doc.accountId, ...doc.mentionIds])) publish(channels.direct(id), { ...message, event: message.event === 'delete' ? 'delete' : 'conversation' });
    return;
  }
  if (doc.visibility === 'public' && !doc.reblogOfId) {
    // a remote status is on the federated and remote streams, never on the local ones
    const scopes = doc.local ? [false, true] : [false];
    publish(doc.local ? channels.public(true) : channels.remote, message);
    publish(channels.public(false), message);
    for (const local of scopes) for (const tag of doc.tags) publish(channels.hashtag(tag, local), message);
  }
  for (const member of await listMembersCollection(store).find({ where: { accountId: doc.accountId } })) publish(channels.list(member.listId), message);
}

/** A deleted status leaves nothing behind: not its boosts, feed entries, marks or notifications. */
export async function removeStatus(store: ReadModelStore, statusId: string, publish?: Publish) {
  const statuses = statusesCollection(store);
  const doc = await statuses.get(statusId);
  const boosts = await statuses.find({ where: { reblogOfId: statusId } });
  if (publish) {
    if (doc) await announce(store, doc, { event: 'delete', statusId }, publish);
    for (const boost of boosts) {
      for (const entry of await homeFeed(store).find({ where: { statusId: boost.id } })) publish(channels.user(entry.ownerId), { event: 'delete', statusId: boost.id });
    }
  }
  for (const id of [statusId, ...boosts.map((b) => b.id)]) {
    await homeFeed(store).deleteWhere({ statusId: id });
    await notificationsCollection(store).deleteWhere({ statusId: id });
    await statuses.delete(id);
  }
  for (const kind of ['favourite', 'bookmark', 'pin', 'mute'] as const) await marksCollection(store, kind).deleteWhere({ statusId });
  await statusEditsCollection(store).deleteWhere({ statusId });
  for (const boost of boosts) await recountAccount(store, boost.accountId);
  if (doc?.inReplyToId) await recountReplies(store, doc.inReplyToId);
}

/** Replies everyone may see, as Mastodon counts them: a private reply must not show in a public count. */
export async function recountReplies(store: ReadModelStore, statusId: string) {
  const repliesCount = await statusesCollection(store).count({ inReplyToId: statusId, visibility: { $in: PUBLICLY_COUNTED } });
  await statusesCollection(store).patch(statusId, { repliesCount });
}

/** Counts kept by counting, so a redelivered event can never count twice. */
export async function recountAccount(store: ReadModelStore, accountId: string) {
  const statuses = statusesCollection(store);
  const [count, [latest]] = await Promise.all([
    statuses.count({ accountId }),
    statuses.find({ where: { accountId }, sort: { field: 'id', direction: 'desc' }, limit: 1 }),
  ]);
  const patch: Record<string, unknown> = { statusesCount: count, lastStatusAt: latest?.createdAt ?? null };
  if (latest) patch['lastActiveAt'] = latest.createdAt;
  await accountsCollection(store).patch(accountId, patch);
}
