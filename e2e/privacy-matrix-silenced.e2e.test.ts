import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The privacy matrix for a silenced account: its posts leave public and hashtag timelines,
 * search and other people's threads for everyone but itself and its followers, and stay
 * readable by id as their visibility allows.
 */
const temp = makeTempDir('strata-e2e-privacy-silenced-');
let strata: StrataProcess;
let u: Record<'loud' | 'fan' | 'stranger' | 'mod', TestUser>;
const posts: Record<string, string> = {};
type Viewer = 'loud' | 'fan' | 'stranger' | 'anonymous';
const VIEWERS: Viewer[] = ['loud', 'fan', 'stranger', 'anonymous'];
const SEES_FEEDS: Record<Viewer, boolean> = { loud: true, fan: true, stranger: false, anonymous: false };

async function read(viewer: Viewer, path: string) {
  const response = await fetch(`${strata.url}${path}`, { headers: viewer === 'anonymous' ? {} : { authorization: `Bearer ${u[viewer].token}` } });
  return { status: response.status, body: (await response.json()) as unknown };
}
const idsIn = (body: unknown): string[] => (Array.isArray(body) ? body.map((s: { id: string }) => s.id) : []);

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  u = (await signUpUsers(strata.url, ['loud', 'fan', 'stranger', 'mod'], 'read write follow admin:read admin:write')) as typeof u;
  expect((await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
  await u.fan.client.v1.accounts.$select(u.loud.id).follow();
  for (const visibility of ['public', 'unlisted', 'private'] as const) {
    posts[visibility] = (await u.loud.client.v1.statuses.create({ status: `silencedmatrix #hushed ${visibility}`, visibility })).id;
  }
  posts['root'] = (await u.stranger.client.v1.statuses.create({ status: 'a thread root silencedmatrix' })).id;
  posts['reply'] = (await u.loud.client.v1.statuses.create({ status: 'a loud reply silencedmatrix', inReplyToId: posts['root'] })).id;
  const silenced = await fetch(`${strata.url}/api/v1/admin/accounts/${u.loud.id}/action`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.mod.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'silence' }),
  });
  expect(silenced.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('the privacy matrix for a silenced account', () => {
  it('keeps its posts out of public and hashtag timelines except for itself and its followers', async () => {
    const wrong: string[] = [];
    for (const viewer of VIEWERS) {
      for (const path of ['/api/v1/timelines/public', '/api/v1/timelines/public?local=true', '/api/v1/timelines/tag/hushed']) {
        const shown = idsIn((await read(viewer, path)).body).includes(posts['public']!);
        if (shown !== SEES_FEEDS[viewer]) wrong.push(`${viewer} ${path}: ${shown ? 'shown' : 'hidden'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps its posts out of search and of other people’s threads for non-followers', async () => {
    const wrong: string[] = [];
    for (const viewer of ['loud', 'fan', 'stranger'] as const) {
      const found = idsIn(((await read(viewer, '/api/v2/search?q=silencedmatrix&type=statuses')).body as { statuses: unknown }).statuses);
      if (found.includes(posts['public']!) !== SEES_FEEDS[viewer]) wrong.push(`${viewer} search`);
      if (!found.includes(posts['root']!)) wrong.push(`${viewer} search lost the stranger's own post`);
    }
    for (const viewer of VIEWERS) {
      const context = (await read(viewer, `/api/v1/statuses/${posts['root']}/context`)).body as { descendants: unknown };
      if (idsIn(context.descendants).includes(posts['reply']!) !== SEES_FEEDS[viewer]) wrong.push(`${viewer} thread`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves its posts readable by id as their visibility allows', async () => {
    const expected: Record<string, Record<Viewer, number>> = {
      public: { loud: 200, fan: 200, stranger: 200, anonymous: 200 },
      unlisted: { loud: 200, fan: 200, stranger: 200, anonymous: 200 },
      private: { loud: 200, fan: 200, stranger: 404, anonymous: 404 },
    };
    const wrong: string[] = [];
    for (const [visibility, byViewer] of Object.entries(expected)) {
      for (const viewer of VIEWERS) {
        const { status } = await read(viewer, `/api/v1/statuses/${posts[visibility]}`);
        if (status !== byViewer[viewer]) wrong.push(`${viewer} ${visibility}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(idsIn((await read('fan', '/api/v1/timelines/home')).body)).toEqual(expect.arrayContaining([posts['public'], posts['private']]));
  });
});
