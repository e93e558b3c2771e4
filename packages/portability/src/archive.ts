import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import type { MediaStorage } from '@strata/media';
import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, type StatusDoc, accountsCollection, marksCollection, mediaCollection, statusesCollection } from '@strata/views';

const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';

export interface ArchiveContext {
  readModels: ReadModelStore;
  media: MediaStorage;
  publicUrl: string;
}

/** Where an account's archive is stored: under the account's own prefix, erased with it. */
export const archiveKey = (accountId: string, archiveId: string) => `backups/${accountId}/${archiveId}.zip`;

/**
 * Mastodon's "request your archive": a zip (archiver: maintained, streams entries) of the
 * actor, the outbox of every status as ActivityPub Create and Announce activities, the
 * likes and bookmarks, and the media files of the account's statuses.
 */
export async function buildArchive(context: ArchiveContext, accountId: string, archiveId: string): Promise<{ key: string; size: number }> {
  const account = await accountsCollection(context.readModels).get(accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  const actorUri = `${context.publicUrl}/users/${account.username}`;
  const statuses = await statusesCollection(context.readModels).find({ where: { accountId }, sort: { field: 'id', direction: 'asc' } });
  const directory = await mkdtemp(join(tmpdir(), 'strata-archive-'));
  const path = join(directory, 'archive.zip');
  try {
    const zip = new ZipArchive({ zlib: { level: 6 } });
    const written = finished(zip.pipe(createWriteStream(path)));
    const json = (name: string, value: unknown) => zip.append(JSON.stringify(value, null, 2), { name });
    json('actor.json', actorOf(account, actorUri, context.publicUrl));
    const items = [];
    for (const status of statuses) items.push(await activityOf(context, status, actorUri));
    json('outbox.json', { '@context': AS_CONTEXT, id: 'outbox.json', type: 'OrderedCollection', totalItems: items.length, orderedItems: items });
    for (const [kind, file] of [['favourite', 'likes.json'], ['bookmark', 'bookmarks.json']] as const) {
      const marks = await marksCollection(context.readModels, kind).find({ where: { accountId }, sort: { field: 'markId', direction: 'asc' } });
      json(file, { '@context': AS_CONTEXT, id: file, type: 'OrderedCollection', orderedItems: await urisOf(context, marks.map((m) => m.statusId)) });
    }
    const attachments = await mediaCollection(context.readModels).find({ where: { accountId } });
    for (const media of attachments) {
      if (!media.file || media.statusId === null) continue;
      const stream = await context.media.open(media.file.key);
      if (stream) zip.append(stream, { name: media.file.key });
    }
    await zip.finalize();
    await written;
    const key = archiveKey(accountId, archiveId);
    await context.media.putFile(key, path, 'application/zip');
    return { key, size: zip.pointer() };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function actorOf(account: AccountDoc, actorUri: string, publicUrl: string) {
  return {
    '@context': [AS_CONTEXT, 'https://w3id.org/security/v1'],
    id: actorUri,
    type: account.bot ? 'Service' : 'Person',
    preferredUsername: account.username,
    name: account.displayName,
    summary: account.noteHtml,
    url: `${publicUrl}/@${account.username}`,
    published: account.createdAt,
    manuallyApprovesFollowers: account.locked,
    discoverable: account.discoverable,
    attachment: account.fields.map((field) => ({ type: 'PropertyValue', name: field.name, value: field.valueHtml })),
    outbox: 'outbox.json',
    likes: 'likes.json',
    bookmarks: 'bookmarks.json',
  };
}

async function activityOf(context: ArchiveContext, status: StatusDoc, actorUri: string) {
  const [uri] = await urisOf(context, [status.id]);
  const addressed = { to: [] as string[], cc: [] as string[] };
  if (status.visibility === 'public') Object.assign(addressed, { to: [PUBLIC], cc: [`${actorUri}/followers`] });
  else if (status.visibility === 'unlisted') Object.assign(addressed, { to: [`${actorUri}/followers`], cc: [PUBLIC] });
  else if (status.visibility === 'private') addressed.to = [`${actorUri}/followers`];
  if (status.reblogOfId) {
    const [object] = await urisOf(context, [status.reblogOfId]);
    return { id: `${uri}/activity`, type: 'Announce', actor: actorUri, published: status.createdAt, ...addressed, object };
  }
  const media = status.mediaIds.length ? await mediaCollection(context.readModels).find({ where: { id: { $in: status.mediaIds } } }) : [];
  const inReplyTo = status.inReplyToId ? (await urisOf(context, [status.inReplyToId]))[0] ?? null : null;
  return {
    id: `${uri}/activity`,
    type: 'Create',
    actor: actorUri,
    published: status.createdAt,
    ...addressed,
    object: {
      id: uri,
      type: 'Note',
      attributedTo: actorUri,
      published: status.createdAt,
      ...(status.editedAt && { updated: status.editedAt }),
      inReplyTo,
      summary: status.spoilerText || null,
      sensitive: status.sensitive,
      content: status.contentHtml,
      ...(status.language && { contentMap: { [status.language]: status.contentHtml } }),
      ...addressed,
      tag: status.tags.map((tag) => ({ type: 'Hashtag', name: `#${tag}`, href: `${context.publicUrl}/tags/${tag}` })),
      attachment: media.flatMap((m) => (m.file ? [{ type: 'Document', mediaType: m.file.contentType, url: m.file.key, name: m.description }] : [])),
    },
  };
}

/** The ActivityPub ids of statuses (their own for remote ones, ours for local ones). */
async function urisOf(context: ArchiveContext, statusIds: string[]): Promise<string[]> {
  if (!statusIds.length) return [];
  const statuses = await statusesCollection(context.readModels).find({ where: { id: { $in: statusIds } } });
  const authors = new Map((await accountsCollection(context.readModels).find({ where: { id: { $in: [...new Set(statuses.map((s) => s.accountId))] } } })).map((a) => [a.id, a]));
  const byId = new Map(statuses.map((s) => [s.id, s.uri ?? `${context.publicUrl}/users/${authors.get(s.accountId)?.username}/statuses/${s.id}`]));
  return statusIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
