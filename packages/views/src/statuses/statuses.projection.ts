import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type StatusContent, type StatusPosted, strataEvents } from '@strata/contracts';
import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { anyErasedIn, listsHolding } from '../projection/remembered-relations.ts';
import { type Projection, type ProjectionContext, type StreamMessage, channels } from '../projection/projection.ts';
import { listMembersCollection } from '../timelines/lists.ts';
import { homeFeed } from '../timelines/home-feed.ts';
import { renderContent } from './render.ts';
import { type StatusDoc, marksCollection, statusEditsCollection, statusesCollection } from './statuses.collection.ts';
import { recordTags } from './tags.ts';
import { removeStatusTags, writeStatusTags } from './status-tags.ts';
import { PUBLICLY_COUNTED, countsPublicly } from '../visibility/visibility-policy.ts';

const EMPTY: StatusContent = { text: '', spoilerText: '', tags: [] };

/** Statuses, their hashtags (status_tags), edit history and counts, and the announcements of them to public, tag, list and direct streams. */
export const statusesProjection: Projection = {
  name: 'statuses',
  handles: new Set(['StatusPosted', 'StatusEdited', 'StatusDeleted', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const store = context.readModels;
    const statuses = statusesCollection(store);
    if (event?.type === 'StatusPosted') {
      if ((await statuses.get(event.data.statusId)) || (await anyErasedIn(context, [event.data.accountId]))) return;
      const content = (await context.personalData.unseal<StatusContent>(event.data.content)) ?? EMPTY;
      const doc = await newStatus(store, context.publicUrl, event.data, content, recorded.revision);
      await statuses.upsert(doc);
      await writeStatusTags(store, doc, false);
      await statusEditsCollection(store).upsert(editOf(doc, doc.createdAt));
      await afterPosted(store, doc, context.publish, await listsHolding(context, doc.accountId));
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
      // an edit may change the tags and the media the tag timeline filters on
      await writeStatusTags(store, edited, true);
      await statusEditsCollection(store).upsert(editOf(edited, event.data.editedAt, recorded.revision));
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

type Publish = ProjectionContext['publish'];

/** Home timelines and notifications have their own projections; this announces to the other streams and counts. */
async function afterPosted(store: ReadModelStore, doc: StatusDoc, publish: Publish, listIds: readonly string[]) {
  await announce(store, doc, { event: 'update', statusId: doc.id }, publish, false, listIds);
  if (countsPublicly(doc)) await recordTags(store, doc.tags, doc.createdAt);
  if (doc.inReplyToId) await recountReplies(store, doc.inReplyToId);
  await countNewStatus(store, doc);
}

/**
 * Tells the streams other than home timelines: public and hashtag timelines, the lists
 * that hold the author, and for direct statuses the conversations of those in it.
 */
async function announce(
  store: ReadModelStore,
  doc: StatusDoc,
  message: Extract<StreamMessage, { statusId: string }>,
  publish: Publish,
  homes = true,
  /** The lists holding the author, when the caller has them already. */
  listIds?: readonly string[],
) {
  if (homes) for (const entry of await homeFeed(store).find({ statusIds: [doc.id] })) publish(channels.user(entry.ownerId), message);
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
  for (const listId of listIds ?? (await listMembersCollection(store).find({ where: { accountId: doc.accountId } })).map((m) => m.listId)) publish(channels.list(listId), message);
}

/** A deleted status leaves nothing behind: not its boosts, marks or edits. */
export async function removeStatus(store: ReadModelStore, statusId: string, publish?: Publish) {
  const statuses = statusesCollection(store);
  const doc = await statuses.get(statusId);
  const boosts = await statuses.find({ where: { reblogOfId: statusId } });
  // home timelines and notifications are purged by their own projections
  if (publish && doc) await announce(store, doc, { event: 'delete', statusId }, publish, false);
  for (const id of [statusId, ...boosts.map((b) => b.id)]) await statuses.delete(id);
  await removeStatusTags(store, [statusId]);
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

/**
 * A new status (or boost) counts one more for its author. Counting is kept incremental
 * here, with no count of all the author's statuses per post: the caller projects the
 * status in the same transaction and skips one already projected, so a redelivered event
 * never counts twice. An account without counts yet (older documents) is recounted.
 */
export async function countNewStatus(store: ReadModelStore, status: Pick<StatusDoc, 'accountId' | 'createdAt'>) {
  const account = await accountsCollection(store).get(status.accountId);
  if (!account) return;
  if (typeof account.statusesCount !== 'number') return recountAccount(store, status.accountId);
  const patch: Record<string, unknown> = { statusesCount: account.statusesCount + 1 };
  if (!account.lastStatusAt || account.lastStatusAt < status.createdAt) Object.assign(patch, { lastStatusAt: status.createdAt, lastActiveAt: status.createdAt });
  await accountsCollection(store).patch(status.accountId, patch);
}

/** Counts kept by counting, where a status goes (deletions are rare; a recount is exact). */
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
