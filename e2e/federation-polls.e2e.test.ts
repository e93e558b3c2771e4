import { type Activity, Collection, Create, Follow, Note, type Person, PUBLIC_COLLECTION, Question, Update } from '@fedify/vocab';
import { Temporal as Polyfill } from '@js-temporal/polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { remoteStatusSeenBy, sendFromPeer } from './support/strata-with-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * A local status with a poll federates as Mastodon's does: a Question delivered to a
 * Fedify peer that follows its author and served at its id, its options as named Notes
 * counting their votes, with its end time, its voters and `closed` once it has ended.
 * A remote Question becomes a status with a real poll, its counts as its server reports them.
 */
const temp = makeTempDir('strata-e2e-federation-polls-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser, bob: TestUser;
let alicesActor: Person;
const AP = 'application/activity+json';

beforeAll(async () => {
  const port = await freePort();
  const env = { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', STRATA_POLL_MIN_SECONDS: '2' };
  strata = await startStrataProcess({ dataDir: temp.path, port, env });
  peer = await startFedifyPeer();
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  const ctx = peer.federation.createContext(new URL(peer.origin));
  alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
  const follow = new Follow({ id: new URL(`${peer.origin}/follows/1`), actor: peer.actorUri, object: alicesActor.id });
  await ctx.sendActivity({ identifier: 'peer' }, alicesActor, follow, { immediate: true });
  await eventually(() => peer.received.find((activity) => activity.constructor.name === 'Accept'), 20_000);
}, 60_000);
afterAll(async () => {
  await peer?.close();
  await strata?.kill();
  temp.remove();
});

const received = (type: string, objectUri: string): Activity | undefined =>
  peer.received.find((activity) => activity.constructor.name === type && activity.objectId?.href === objectUri);

async function optionsOf(question: Question, multiple: boolean) {
  const options = [];
  for await (const option of multiple ? question.getInclusiveOptions() : question.getExclusiveOptions()) options.push(option as Note);
  return Promise.all(options.map(async (option) => [String(option.name), ((await option.getReplies()) as Collection | null)?.totalItems ?? null]));
}

const fetchJson = async (url: string) => (await (await fetch(url, { headers: { accept: AP } })).json()) as Record<string, unknown>;

describe('a local poll, federated', () => {
  it('reaches a remote follower as Create(Question) with its options and end time', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Tea or coffee?', poll: { options: ['tea', 'coffee'], expiresIn: 3600 } });
    const uri = `${strata.url}/users/alice/statuses/${status.id}`;
    const create = await eventually(() => received('Create', uri), 20_000);
    const question = await create.getObject();
    expect(question).toBeInstanceOf(Question);
    const poll = question as Question;
    expect(String(poll.content)).toContain('Tea or coffee?');
    expect(await optionsOf(poll, false)).toEqual([['tea', 0], ['coffee', 0]]);
    expect(poll.inclusiveOptionIds).toEqual([]);
    expect(poll.endTime?.epochMilliseconds).toBe(Date.parse(status.poll!.expiresAt!));
    expect([poll.closed, poll.voters]).toEqual([null, 0]);
  });

  it('serves a multiple-choice poll as anyOf, counting local votes', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Which days?', poll: { options: ['mon', 'tue', 'wed'], expiresIn: 3600, multiple: true } });
    const uri = `${strata.url}/users/alice/statuses/${status.id}`;
    await bob.client.v1.polls.$select(status.poll!.id).votes.create({ choices: [0, 2] });
    const served = await fetchJson(uri);
    expect(served).toMatchObject({ id: uri, type: 'Question', votersCount: 1 });
    expect(served['oneOf']).toBeUndefined();
    expect(served['anyOf']).toEqual([
      { type: 'Note', name: 'mon', replies: { type: 'Collection', totalItems: 1 } },
      { type: 'Note', name: 'tue', replies: { type: 'Collection', totalItems: 0 } },
      { type: 'Note', name: 'wed', replies: { type: 'Collection', totalItems: 1 } },
    ]);
    // a status without a poll stays a Note
    const plain = await alice.client.v1.statuses.create({ status: 'No poll here' });
    expect((await fetchJson(`${strata.url}/users/alice/statuses/${plain.id}`))['type']).toBe('Note');
  });

  it("counts a remote vote (a Note named as the choice, in reply to the Question) and shows it as no reply", async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Left or right?', poll: { options: ['left', 'right'], expiresIn: 3600 } });
    const uri = new URL(`${strata.url}/users/alice/statuses/${status.id}`);
    const vote = new Note({ id: new URL(`${peer.origin}/votes/1`), attribution: peer.actorUri, name: 'right', replyTarget: uri, tos: [alicesActor.id!] });
    await sendFromPeer(peer, alicesActor, new Create({ id: new URL(`${vote.id!.href}/activity`), actor: peer.actorUri, object: vote, tos: [alicesActor.id!] }));
    const poll = await eventually(async () => {
      const seen = await alice.client.v1.polls.$select(status.poll!.id).fetch();
      return seen.votersCount === 1 ? seen : null;
    }, 20_000);
    expect(poll.options.map((option) => option.votesCount)).toEqual([0, 1]);
    const context = await alice.client.v1.statuses.$select(status.id).context.fetch();
    expect(context.descendants).toEqual([]);
    expect((await fetchJson(uri.href))['oneOf']).toEqual([
      { type: 'Note', name: 'left', replies: { type: 'Collection', totalItems: 0 } },
      { type: 'Note', name: 'right', replies: { type: 'Collection', totalItems: 1 } },
    ]);
  });

  it('keeps hidden totals out until the end, and says when a poll closed', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Quick one', poll: { options: ['yes', 'no'], expiresIn: 2, hideTotals: true } });
    const uri = `${strata.url}/users/alice/statuses/${status.id}`;
    const open = await fetchJson(uri);
    expect(open['closed']).toBeUndefined();
    expect(open['votersCount']).toBeUndefined();
    expect(open['oneOf']).toEqual([{ type: 'Note', name: 'yes' }, { type: 'Note', name: 'no' }]);
    const closed = await eventually(async () => {
      const served = await fetchJson(uri);
      return served['closed'] ? served : null;
    }, 20_000);
    expect(Date.parse(String(closed['closed']))).toBe(Date.parse(status.poll!.expiresAt!));
    // its followers hear of the end: an Update of the closed Question
    const update = await eventually(() => received('Update', uri), 20_000);
    expect(((await update.getObject()) as Question).closed).toBeTruthy();
    expect(closed['votersCount']).toBe(0);
    expect(closed['oneOf']).toEqual([
      { type: 'Note', name: 'yes', replies: { type: 'Collection', totalItems: 0 } },
      { type: 'Note', name: 'no', replies: { type: 'Collection', totalItems: 0 } },
    ]);
  });
});

describe('a remote Question', () => {
  const followers = () => new URL(`${peer.origin}/users/peer/followers`);
  const question = (id: URL, counts: number[], extra: Partial<ConstructorParameters<typeof Question>[0]> = {}) => new Question({
    id,
    attribution: peer.actorUri,
    content: '<p>Cats or dogs?</p>',
    exclusiveOptions: ['cats', 'dogs'].map((name, index) => new Note({ name, replies: new Collection({ totalItems: counts[index]! }) })),
    // Fedify's types name the global Temporal; at run time it is this polyfill
    endTime: Polyfill.Instant.from('2999-01-01T00:00:00Z') as unknown as Temporal.Instant,
    voters: counts.reduce((a, b) => a + b, 0),
    tos: [PUBLIC_COLLECTION],
    ccs: [followers()],
    ...extra,
  });

  it('becomes a status with a poll, counted as its server reports, and an Update of the counts is no edit', async () => {
    const id = new URL(`${peer.origin}/questions/1`);
    await sendFromPeer(peer, alicesActor, new Create({ id: new URL(`${id.href}/activity`), actor: peer.actorUri, object: question(id, [3, 1]), tos: [PUBLIC_COLLECTION], ccs: [followers()] }));
    const status = await remoteStatusSeenBy(bob, id.href);
    expect(status.content).toBe('<p>Cats or dogs?</p>');
    expect(status.poll).toMatchObject({ expired: false, multiple: false, votesCount: 4, votersCount: 4, expiresAt: '2999-01-01T00:00:00.000Z' });
    expect(status.poll!.options).toEqual([{ title: 'cats', votesCount: 3 }, { title: 'dogs', votesCount: 1 }]);

    const update = (n: number, object: Question) => new Update({ id: new URL(`${id.href}#updates/${n}`), actor: peer.actorUri, object, tos: [PUBLIC_COLLECTION], ccs: [followers()] });
    await sendFromPeer(peer, alicesActor, update(1, question(id, [3, 4], { closed: true })));
    const tallied = await eventually(async () => {
      const poll = await bob.client.v1.polls.$select(status.poll!.id).fetch();
      return poll.votesCount === 7 ? poll : null;
    }, 20_000);
    expect([tallied.expired, tallied.votersCount, tallied.options.map((option) => option.votesCount)]).toEqual([true, 7, [3, 4]]);
    expect((await bob.client.v1.statuses.$select(status.id).fetch()).editedAt).toBeNull();
  });

  it("sends a local vote to the poll's server as Mastodon does: Create(Note) named as the choice, in reply to the Question", async () => {
    const id = new URL(`${peer.origin}/questions/2`);
    await sendFromPeer(peer, alicesActor, new Create({ id: new URL(`${id.href}/activity`), actor: peer.actorUri, object: question(id, [0, 0]), tos: [PUBLIC_COLLECTION], ccs: [followers()] }));
    const status = await remoteStatusSeenBy(bob, id.href);
    await bob.client.v1.polls.$select(status.poll!.id).votes.create({ choices: [1] });
    const vote = await eventually(() => peer.received.find((activity) => activity instanceof Create && activity.actorId?.href === `${strata.url}/users/bob`), 20_000);
    const note = (await vote.getObject()) as Note;
    expect(note).toBeInstanceOf(Note);
    expect([String(note.name), note.replyTargetId?.href, note.toIds.map(String)]).toEqual(['dogs', id.href, [peer.actorUri.href]]);
  });
});
