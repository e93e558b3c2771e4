import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/** Direct-message conversations through `masto`: listed per participant, read, removed, streamed, and only as far as each may see. */
const temp = makeTempDir('strata-e2e-conversations-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave']);
  [alice, bob, carol, dave] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!];
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('conversations', () => {
  it('lists a direct thread for each participant, unread for those who did not write last', async () => {
    const first = await alice.client.v1.statuses.create({ status: '@bob @carol secret plan', visibility: 'direct' });
    const reply = await bob.client.v1.statuses.create({ status: '@alice @carol agreed', visibility: 'direct', inReplyToId: first.id });
    const [forAlice] = await alice.client.v1.conversations.list();
    expect(forAlice).toMatchObject({ id: first.id, unread: true, lastStatus: { id: reply.id } });
    expect(forAlice!.accounts.map((a) => a.username).sort()).toEqual(['bob', 'carol']);
    const [forBob] = await bob.client.v1.conversations.list();
    expect(forBob).toMatchObject({ id: first.id, unread: false, lastStatus: { id: reply.id } });
    expect(await dave.client.v1.conversations.list()).toEqual([]);
    // public posts are not conversations
    await alice.client.v1.statuses.create({ status: '@bob hello in public' });
    expect(await bob.client.v1.conversations.list()).toHaveLength(1);
  });

  it('marks read and removes for the caller only; a new status brings it back', async () => {
    const [conversation] = await carol.client.v1.conversations.list();
    expect(conversation!.unread).toBe(true);
    expect((await carol.client.v1.conversations.$select(conversation!.id).read()).unread).toBe(false);
    expect((await carol.client.v1.conversations.list())[0]!.unread).toBe(false);
    expect(await statusOf(dave.client.v1.conversations.$select(conversation!.id).read())).toBe(404);
    expect(await statusOf(dave.client.v1.conversations.$select(conversation!.id).remove())).toBe(404);
    await carol.client.v1.conversations.$select(conversation!.id).remove();
    expect(await carol.client.v1.conversations.list()).toEqual([]);
    expect(await alice.client.v1.conversations.list()).toHaveLength(1);
    const more = await alice.client.v1.statuses.create({ status: '@bob @carol one more thing', visibility: 'direct', inReplyToId: conversation!.lastStatus!.id });
    expect(await carol.client.v1.conversations.list()).toMatchObject([{ id: conversation!.id, unread: true, lastStatus: { id: more.id } }]);
  });

  it('shows only statuses the viewer may see: a blocked author drops out', async () => {
    const dm = await dave.client.v1.statuses.create({ status: '@alice hi there', visibility: 'direct' });
    expect((await alice.client.v1.conversations.list()).map((c) => c.id)).toContain(dm.id);
    await alice.client.v1.accounts.$select(dave.id).block();
    expect((await alice.client.v1.conversations.list()).map((c) => c.id)).not.toContain(dm.id);
    await alice.client.v1.accounts.$select(dave.id).unblock();
  });

  it('drops a deleted last status back to the one before', async () => {
    const start = await bob.client.v1.statuses.create({ status: '@dave quick question', visibility: 'direct' });
    const oops = await bob.client.v1.statuses.create({ status: '@dave oops', visibility: 'direct', inReplyToId: start.id });
    await bob.client.v1.statuses.$select(oops.id).remove();
    const found = (await dave.client.v1.conversations.list()).find((c) => c.id === start.id);
    expect(found?.lastStatus?.id).toBe(start.id);
  });

  it('streams conversation events on the direct stream with the conversation id', async () => {
    const socket = await RawStreamClient.connect(`${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=direct`, { token: carol.token });
    try {
      await socket.settled();
      const [conversation] = await alice.client.v1.conversations.list();
      const next = await alice.client.v1.statuses.create({ status: '@bob @carol streaming now', visibility: 'direct', inReplyToId: conversation!.lastStatus!.id });
      const message = await socket.next((m) => m.event === 'conversation');
      expect(JSON.parse(message.payload!)).toMatchObject({ id: conversation!.id, unread: true, last_status: { id: next.id } });
    } finally {
      socket.socket.close();
    }
  });
});
