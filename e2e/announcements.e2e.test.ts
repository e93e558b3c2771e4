import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { RawStreamClient } from './support/stream-client.ts';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/** Announcements through `masto`: published with the CLI, listed, dismissed, reacted to, deleted, and streamed to every user. */
const temp = makeTempDir('strata-e2e-announcements-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser;
let socket: RawStreamClient;

const cli = async (...args: string[]) => {
  const result = await runNode('packages/cli/src/main.ts', ['announcements', ...args], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  return result;
};

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
  socket = await RawStreamClient.connect(`${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, { token: bob.token });
  await socket.settled();
});
afterAll(async () => {
  socket?.close();
  await strata?.kill();
  temp.remove();
});

describe('announcements', () => {
  let id: string;

  it('publishes from the CLI to every user, on their stream too', async () => {
    const created = await cli('create', 'Maintenance tonight, see https://status.example/', '--starts-at', '2026-12-01T20:00:00Z', '--ends-at', '2026-12-01T22:00:00Z');
    expect(created.code, created.stderr).toBe(0);
    id = /published announcement (\d+)/.exec(created.stdout)![1]!;
    const streamed = await socket.next((m) => m.event === 'announcement', 10_000);
    expect(JSON.parse(streamed.payload!)).toMatchObject({ id, read: false });
    const [announcement] = await alice.client.v1.announcements.list();
    expect(announcement).toMatchObject({ id, startsAt: '2026-12-01T20:00:00.000Z', endsAt: '2026-12-01T22:00:00.000Z', allDay: false, read: false, reactions: [] });
    expect(announcement!.content).toContain('href="https://status.example/"');
  });

  it('refuses bad input on the CLI and the API', async () => {
    expect((await cli('create', ' ')).code).toBe(1);
    expect((await cli('create', 'x', '--starts-at', 'tomorrow')).code).toBe(1);
    expect((await cli('delete', '123')).code).toBe(1);
    expect(await statusOf(alice.client.v1.announcements.$select('123').dismiss())).toBe(404);
    const bad = await fetch(`${strata.url}/api/v1/announcements/${id}/reactions/notanemoji`, { method: 'PUT', headers: { authorization: `Bearer ${alice.token}` } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toHaveProperty('error');
  });

  it('counts reactions per emoji, marks the reader\'s own, and streams the new count', async () => {
    await alice.client.v1.announcements.$select(id).reactions.$select('🎉').update();
    expect(JSON.parse((await socket.next((m) => m.event === 'announcement.reaction')).payload!)).toEqual({ name: '🎉', count: 1, announcement_id: id });
    await bob.client.v1.announcements.$select(id).reactions.$select('🎉').update();
    await bob.client.v1.announcements.$select(id).reactions.$select('👍🏽').update();
    const [forAlice] = await alice.client.v1.announcements.list();
    expect(forAlice!.reactions).toEqual(expect.arrayContaining([expect.objectContaining({ name: '🎉', count: 2, me: true }), expect.objectContaining({ name: '👍🏽', count: 1, me: false })]));
    await bob.client.v1.announcements.$select(id).reactions.$select('👍🏽').remove();
    const [forBob] = await bob.client.v1.announcements.list();
    expect(forBob!.reactions).toEqual([expect.objectContaining({ name: '🎉', count: 2, me: true })]);
  });

  it('dismisses for the reader alone', async () => {
    await alice.client.v1.announcements.$select(id).dismiss();
    expect(await alice.client.v1.announcements.list()).toEqual([]);
    expect(await alice.client.v1.announcements.list({ withDismissed: true } as never)).toMatchObject([{ id, read: true }]);
    expect(await bob.client.v1.announcements.list()).toMatchObject([{ id, read: false }]);
  });

  it('deletes from the CLI, and the stream says so', async () => {
    expect((await cli('delete', id)).code).toBe(0);
    expect((await socket.next((m) => m.event === 'announcement.delete', 10_000)).payload).toBe(id);
    expect(await bob.client.v1.announcements.list({ withDismissed: true } as never)).toEqual([]);
    expect((await cli('delete', id)).code).toBe(1);
  });
});
