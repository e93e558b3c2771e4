import { Article, Create, Flag, Image, Note, type Object as APObject, type Person, PUBLIC_COLLECTION, Question } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, type StrataProcess } from '@strata/testkit';
import type { FedifyPeer } from './support/fedify-peer.ts';
import { actorOnPeer, createOf, remoteStatusSeenBy, sendFromPeer, startStrataWithPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Activities and content from an independent Fedify peer beyond plain notes: Flag (a
 * report to the moderators) and forwarded reports, questions and articles shown as
 * Mastodon shows them, remote media and emojis, fetched ancestors, the profile's pictures.
 */
const temp = makeTempDir('strata-e2e-federation-activities-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser, bob: TestUser, mod: TestUser;
let alicesActor: Person;
let n = 0;

beforeAll(async () => {
  ({ strata, peer } = await startStrataWithPeer(temp.path));
  peer.actors.set('peer', {
    icon: new Image({ url: new URL(`${peer.origin}/files/avatar.png`), mediaType: 'image/png' }),
    image: new Image({ url: new URL(`${peer.origin}/files/header.png`), mediaType: 'image/png' }),
  });
  ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as Record<'alice' | 'bob', TestUser>);
  mod = (await signUpUsers(strata.url, ['mod'], 'read write follow admin:read admin:write'))['mod']!;
  const role = await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(role.code).toBe(0);
  alicesActor = await actorOnPeer(peer, strata, 'alice');
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const send = (activity: APObject) => sendFromPeer(peer, alicesActor, activity);
const followers = () => new URL(`${peer.origin}/users/peer/followers`);
const create = (object: APObject) => createOf(peer, object);
const remoteStatus = (uri: string) => remoteStatusSeenBy(bob, uri);

describe('a remote account', () => {
  it('shows the avatar and header its actor names', async () => {
    const first = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: peer.actorUri, content: '<p>hi</p>', tos: [PUBLIC_COLLECTION], ccs: [followers()] });
    await send(create(first));
    const status = await remoteStatus(first.id!.href);
    expect(status.account).toMatchObject({ avatar: `${peer.origin}/files/avatar.png`, header: `${peer.origin}/files/header.png` });
  });
});

describe('Flag', () => {
  it("becomes a report on the local account and its statuses, filed by the peer's actor", async () => {
    const post = await alice.client.v1.statuses.create({ status: 'something reportable' });
    const flag = new Flag({
      id: new URL(`${peer.origin}/flags/${++n}`),
      actor: peer.actorUri,
      objects: [alicesActor.id!, new URL(`${strata.url}/users/alice/statuses/${post.id}`), new URL(`${peer.origin}/notes/unknown`)],
      content: 'Spam from your server',
    });
    await send(flag);
    const report = await eventually(async () => (await mod.client.v1.admin.reports.list()).find((r) => r.targetAccount.id === alice.id), 20_000);
    expect(report).toMatchObject({ comment: 'Spam from your server', category: 'other', account: { account: { acct: `peer@${new URL(peer.origin).host}` } } });
    expect(report.statuses.map((s) => s.id)).toEqual([post.id]);
    const notification = await eventually(async () => (await mod.client.v1.notifications.list()).find((x) => x.type === 'admin.report'), 20_000);
    expect(notification.report?.id).toBe(report.id);
  });

  it('about an account that is not ours files nothing', async () => {
    await send(new Flag({ id: new URL(`${peer.origin}/flags/${++n}`), actor: peer.actorUri, objects: [new URL(`${peer.origin}/users/someone`)], content: 'not yours' }));
    // a later Flag about bob shows the one before was handled (the inbox queue runs in order of arrival)
    await send(new Flag({ id: new URL(`${peer.origin}/flags/${++n}`), actor: peer.actorUri, objects: [new URL(`${strata.url}/users/bob`)], content: 'about bob' }));
    await eventually(async () => (await mod.client.v1.admin.reports.list()).some((r) => r.targetAccount.id === bob.id) || null, 20_000);
    expect((await mod.client.v1.admin.reports.list()).map((r) => r.comment).sort()).toEqual(['Spam from your server', 'about bob']);
  });
});

describe('a report about a remote account', () => {
  it('is forwarded as a Flag from the instance actor when asked to, naming the account and statuses by URI', async () => {
    const note = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: peer.actorUri, content: '<p>spam</p>', tos: [PUBLIC_COLLECTION], ccs: [followers()] });
    await send(create(note));
    const status = await remoteStatus(note.id!.href);
    await bob.client.v1.reports.create({ accountId: status.account.id, statusIds: [status.id], comment: 'kept here', forward: false });
    await bob.client.v1.reports.create({ accountId: status.account.id, statusIds: [status.id], comment: 'please look', forward: true });
    const flag = (await eventually(() => peer.received.find((a) => a instanceof Flag), 20_000)) as Flag;
    expect(flag.actorId?.href).toBe(`${strata.url}/users/~instance`);
    expect(flag.objectIds.map((id) => id.href)).toEqual([peer.actorUri.href, note.id!.href]);
    expect(flag.content?.toString()).toBe('please look');
    expect(peer.received.filter((a) => a instanceof Flag)).toHaveLength(1);
  });
});

describe('a remote reply to notes not known here', () => {
  it('has its ancestors fetched from their server, so its context shows the thread', async () => {
    const ids = [1, 2].map((i) => new URL(`${peer.origin}/notes/thread-${++n}-${i}`));
    const [top, middle] = [0, 1].map((i) => new Note({ id: ids[i]!, attribution: peer.actorUri, content: `<p>level ${i}</p>`, replyTarget: i ? ids[0]! : null, tos: [PUBLIC_COLLECTION], ccs: [followers()] }));
    for (const note of [top!, middle!]) peer.documents.set(note.id!.pathname, await note.toJsonLd());
    const reply = new Note({ id: new URL(`${peer.origin}/notes/${++n}`), attribution: peer.actorUri, content: '<p>level 2</p>', replyTarget: ids[1]!, tos: [PUBLIC_COLLECTION], ccs: [followers()] });
    await send(create(reply));
    const status = await remoteStatus(reply.id!.href);
    const context = await bob.client.v1.statuses.$select(status.id).context.fetch();
    expect(context.ancestors.map((s) => s.uri)).toEqual(ids.map((id) => id.href));
    expect(status.inReplyToId).toBe(context.ancestors[1]!.id);
  });
});

describe('remote media and emojis', () => {
  it("become the status's attachments, referenced where the peer keeps them, and its custom emojis", async () => {
    // served as JSON (and fetched by Strata): Mastodon's blurhash and focalPoint are outside Fedify's vocabulary
    const id = `${peer.origin}/notes/media-${++n}`;
    peer.documents.set(new URL(id).pathname, {
      '@context': ['https://www.w3.org/ns/activitystreams', { toot: 'http://joinmastodon.org/ns#', blurhash: 'toot:blurhash', focalPoint: { '@container': '@list', '@id': 'toot:focalPoint' }, Emoji: 'toot:Emoji' }],
      id,
      type: 'Note',
      attributedTo: peer.actorUri.href,
      content: '<p>Look :blob:</p>',
      to: [PUBLIC_COLLECTION.href],
      cc: [followers().href],
      attachment: [
        { type: 'Document', mediaType: 'image/png', url: `${peer.origin}/files/cat.png`, name: 'A cat', blurhash: 'LKO2?U%2Tw=w]~RBVZRi};RPxuwH', focalPoint: [0.5, -0.25], width: 640, height: 480 },
        { type: 'Video', mediaType: 'video/mp4', url: `${peer.origin}/files/clip.mp4` },
        { type: 'Link', href: `${peer.origin}/not-media` },
      ],
      tag: [{ type: 'Emoji', name: ':blob:', icon: { type: 'Image', mediaType: 'image/png', url: `${peer.origin}/emojis/blob.png` } }],
    });
    await send(new Create({ id: new URL(`${id}/activity`), actor: peer.actorUri, object: new URL(id), tos: [PUBLIC_COLLECTION] }));
    const status = await remoteStatus(id);
    expect(status.mediaAttachments).toHaveLength(2);
    expect(status.mediaAttachments[0]).toMatchObject({
      type: 'image',
      url: `${peer.origin}/files/cat.png`,
      remoteUrl: `${peer.origin}/files/cat.png`,
      previewUrl: `${peer.origin}/files/cat.png`,
      description: 'A cat',
      blurhash: 'LKO2?U%2Tw=w]~RBVZRi};RPxuwH',
      meta: { original: { width: 640, height: 480, size: '640x480' }, focus: { x: 0.5, y: -0.25 } },
    });
    expect(status.mediaAttachments[1]).toMatchObject({ type: 'video', url: `${peer.origin}/files/clip.mp4`, remoteUrl: `${peer.origin}/files/clip.mp4`, previewUrl: null, description: null });
    expect(status.emojis).toEqual([{ shortcode: 'blob', url: `${peer.origin}/emojis/blob.png`, staticUrl: `${peer.origin}/emojis/blob.png`, visibleInPicker: false }]);
    // the attachment is an entity of its own, and only_media timelines find the status
    const media = await fetch(`${strata.url}/api/v1/statuses/${status.id}`).then((r) => r.json() as Promise<{ media_attachments: { remote_url: string }[] }>);
    expect(media.media_attachments[0]!.remote_url).toBe(`${peer.origin}/files/cat.png`);
    expect((await bob.client.v1.timelines.public.list({ remote: true, onlyMedia: true })).map((s) => s.uri)).toContain(id);
  });
});

describe('objects other than notes', () => {
  it('shows a Question as a status with its poll', async () => {
    const question = new Question({
      id: new URL(`${peer.origin}/questions/${++n}`),
      attribution: peer.actorUri,
      content: '<p>Tea or coffee?</p>',
      exclusiveOptions: [new Note({ name: 'Tea' }), new Note({ name: 'Coffee' })],
      tos: [PUBLIC_COLLECTION],
      ccs: [followers()],
    });
    await send(create(question));
    const status = await remoteStatus(question.id!.href);
    expect(status.content).toBe('<p>Tea or coffee?</p>');
    expect(status.poll?.options.map((option) => option.title)).toEqual(['Tea', 'Coffee']);
  });

  it('shows an Article as its title and a link to it, as Mastodon converts it', async () => {
    const article = new Article({
      id: new URL(`${peer.origin}/articles/${++n}`),
      attribution: peer.actorUri,
      name: 'A long read',
      summary: 'What it is about',
      content: '<p>Many paragraphs</p>',
      url: new URL(`${peer.origin}/articles/${n}.html`),
      tos: [PUBLIC_COLLECTION],
      ccs: [followers()],
    });
    await send(create(article));
    const status = await remoteStatus(article.id!.href);
    const link = `${peer.origin}/articles/${n}.html`;
    expect(status.content).toBe(`<h2>A long read</h2><p>What it is about</p><p><a href="${link}" rel="nofollow noopener noreferrer">${link}</a></p>`);
    expect(status).toMatchObject({ spoilerText: '', url: link });
  });
});
