import { type Activity, type Collection, Follow, type Note, type Person, Question } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './support/fedify-peer.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * A local status with a poll federates as Mastodon's does: a Question delivered to a
 * Fedify peer that follows its author and served at its id, its options as named Notes
 * counting their votes, with its end time, its voters and `closed` once it has ended.
 */
const temp = makeTempDir('strata-e2e-federation-polls-');
let strata: StrataProcess;
let peer: FedifyPeer;
let alice: TestUser, bob: TestUser;
const AP = 'application/activity+json';

beforeAll(async () => {
  const port = await freePort();
  const env = { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', STRATA_POLL_MIN_SECONDS: '2' };
  strata = await startStrataProcess({ dataDir: temp.path, port, env });
  peer = await startFedifyPeer();
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  const ctx = peer.federation.createContext(new URL(peer.origin));
  const alicesActor = (await ctx.lookupObject(`${strata.url}/users/alice`)) as Person;
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
    expect(poll.endTime?.toString()).toBe(new Date(status.poll!.expiresAt!).toISOString());
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
    expect(closed['votersCount']).toBe(0);
    expect(closed['oneOf']).toEqual([
      { type: 'Note', name: 'yes', replies: { type: 'Collection', totalItems: 0 } },
      { type: 'Note', name: 'no', replies: { type: 'Collection', totalItems: 0 } },
    ]);
  });
});
