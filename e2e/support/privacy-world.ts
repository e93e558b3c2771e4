import { expect } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type Cast, type Post, type Viewer, TAG, VISIBILITIES, WORD, feedShows, sees, signUpCast } from './privacy-cast.ts';

type Json = Record<string, unknown> & { id: string };

/**
 * A running Strata with the privacy matrix's cast and posts in place, and the helpers its
 * suites read it with. Each suite builds its own, so the suites run in parallel.
 */
export async function buildPrivacyWorld() {
  const temp = makeTempDir('strata-e2e-privacy-');
  // unreviewed trends shown: the matrix checks trending statuses without a moderator's review
  const strata: StrataProcess = await startStrataProcess({ dataDir: temp.path, env: { STRATA_TRENDS_SHOW_UNREVIEWED: 'true' } });
  const cast: Cast = await signUpCast(strata.url);
  const posts = new Map<string, Post>();
  const lists: Record<string, string> = {};
  const all = () => [...posts.values()];

  async function api(viewer: Viewer, path: string): Promise<{ status: number; body: unknown }> {
    const token = viewer === 'anonymous' ? undefined : viewer === 'app' ? cast.appToken : cast.users[viewer]!.token;
    const res = await fetch(`${strata.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
  }
  async function write(user: string, method: string, path: string, body: object = {}, expected = 200) {
    const res = await fetch(`${strata.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${cast.users[user]!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== expected) throw new Error(`${user} ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  }
  async function post(key: string, by: Post['by'], visibility: Post['visibility'], text: string, inReplyTo?: Post, extra: object = {}) {
    const status = await write(by, 'POST', '/api/v1/statuses', { status: text, visibility, ...(inReplyTo && { in_reply_to_id: inReplyTo.id }), ...extra });
    const mentions = (status['mentions'] as unknown[]).length > 0;
    posts.set(key, { key, id: status.id, by, visibility, kind: inReplyTo ? 'reply' : 'root', ...(inReplyTo && { of: inReplyTo.key }), mentions, pinned: false });
    return posts.get(key)!;
  }
  async function boost(by: 'author' | 'booster', of: Post) {
    const status = await write(by, 'POST', `/api/v1/statuses/${of.id}/reblog`);
    posts.set(`${by}-boost-${of.key}`, { key: `${by}-boost-${of.key}`, id: status.id, by, visibility: of.visibility, kind: 'boost', of: of.key, mentions: false, pinned: false });
  }
  async function until(check: () => Promise<boolean>, what: string) {
    for (const deadline = Date.now() + 10_000; !(await check()); ) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const id = (name: string) => cast.users[name]!.id;

  for (const name of ['follower', 'former', 'blocked', 'blocking', 'muted', 'suspended', 'booster']) await write(name, 'POST', `/api/v1/accounts/${id('author')}/follow`, { notify: true });
  for (const owner of ['follower', 'former']) {
    lists[owner] = (await write(owner, 'POST', '/api/v1/lists', { title: 'matrix' })).id;
    await write(owner, 'POST', `/api/v1/lists/${lists[owner]}/accounts`, { account_ids: [id('author')] });
  }
  for (const visibility of VISIBILITIES) {
    // each root holds a poll: reading a poll follows the visibility of its status
    await post(`${visibility}-root`, 'author', visibility, `${WORD} #${TAG} ${visibility} root for @mentioned`, undefined, { poll: { options: ['yes', 'no'], expires_in: 86_400 } });
    await post(`${visibility}-reply`, 'author', visibility, `${WORD} #${TAG} ${visibility} reply`, posts.get(`${visibility}-root`));
  }
  for (const visibility of ['public', 'unlisted'] as const) await boost('booster', posts.get(`${visibility}-root`)!);
  for (const visibility of ['public', 'unlisted', 'private'] as const) await boost('author', posts.get(`${visibility}-root`)!);
  for (const visibility of ['public', 'private'] as const) {
    await write('author', 'POST', `/api/v1/statuses/${posts.get(`${visibility}-root`)!.id}/pin`);
    posts.get(`${visibility}-root`)!.pinned = true;
  }
  await post('gone-public', 'gone', 'public', `${WORD} #${TAG} by an account about to be suspended`);
  // reactions while they still follow: what they marked must not outlive the relationship
  for (const name of ['former', 'blocked', 'muted']) {
    for (const visibility of ['public', 'unlisted', 'private'] as const) {
      for (const mark of ['favourite', 'bookmark']) await write(name, 'POST', `/api/v1/statuses/${posts.get(`${visibility}-root`)!.id}/${mark}`);
    }
  }
  // their notifications as they were while following, to read again by id afterwards
  const earlier: Record<string, { id: string; group_key: string }[]> = {};
  for (const name of ['former', 'blocked', 'muted'] as const) earlier[name] = (await api(name, '/api/v1/notifications?limit=80')).body as { id: string; group_key: string }[];
  await write('former', 'POST', `/api/v1/accounts/${id('author')}/unfollow`);
  await write('author', 'POST', `/api/v1/accounts/${id('blocked')}/block`);
  await write('blocking', 'POST', `/api/v1/accounts/${id('author')}/block`);
  await write('muted', 'POST', `/api/v1/accounts/${id('author')}/mute`, { notifications: true });
  for (const name of ['suspended', 'gone']) {
    const out = await runNode('packages/cli/src/main.ts', ['accounts', 'suspend', name], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
    expect(out.stdout).toContain(`${name} is suspended`);
  }
  await until(async () => (await api('anonymous', `/api/v1/accounts/${id('gone')}`)).status === 404, 'the suspensions');

  /** The ids of the matrix's own posts in a list of statuses (a boost is its own id). */
  const matrixIds = (statuses: unknown) => (statuses as Json[]).map((s) => s.id).filter((sid) => all().some((p) => p.id === sid));
  const idsOf = (chosen: Post[]) => chosen.map((p) => p.id).sort();
  return {
    strata,
    cast,
    posts,
    lists,
    earlier,
    all,
    api,
    write,
    post,
    until,
    id,
    matrixIds,
    visibleTo: (viewer: Viewer, chosen = all()) => idsOf(chosen.filter((p) => sees(viewer, p, posts))),
    feedFor: (viewer: Viewer, chosen = all()) => idsOf(chosen.filter((p) => feedShows(viewer, p, posts))),
    keyOf: (sid: string) => all().find((p) => p.id === sid)?.key ?? sid,
    async stop() {
      await strata.kill();
      temp.remove();
    },
  };
}

export type PrivacyWorld = Awaited<ReturnType<typeof buildPrivacyWorld>>;
