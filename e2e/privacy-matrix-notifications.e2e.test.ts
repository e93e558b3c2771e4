import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG, type Viewer, VIEWERS, WORD } from './support/privacy-cast.ts';
import { type PrivacyWorld, buildPrivacyWorld } from './support/privacy-world.ts';

/**
 * The privacy matrix, second part: notifications (v1 and grouped v2, by id, unread
 * counts), search, public counters and follows across a block. Same cast, same oracle.
 */
let w: PrivacyWorld;
type Notification = { id: string; type: string; status?: { id: string }; account: { id: string } };
type Groups = { notification_groups: { group_key: string; status_id: string | null }[]; statuses: { id: string }[] };
const users = VIEWERS.filter((v): v is Exclude<Viewer, 'anonymous' | 'app' | 'suspended'> => !['anonymous', 'app', 'suspended'].includes(v));

beforeAll(async () => {
  w = await buildPrivacyWorld();
}, 120_000);
afterAll(async () => w?.stop());

describe('the privacy matrix: notifications', () => {
  it('lists only notifications about statuses and from accounts the recipient may see (v1 and v2)', async () => {
    for (const viewer of users) {
      const v1 = (await w.api(viewer, '/api/v1/notifications?limit=80')).body as Notification[];
      const v1Statuses = w.matrixIds(v1.flatMap((n) => (n.status ? [n.status] : [])));
      expect(v1Statuses.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), `${viewer} v1`).toEqual([]);
      const v2 = (await w.api(viewer, '/api/v2/notifications?limit=80')).body as Groups;
      const v2Statuses = [...w.matrixIds(v2.statuses), ...w.matrixIds(v2.notification_groups.flatMap((g) => (g.status_id ? [{ id: g.status_id }] : [])))];
      expect(v2Statuses.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), `${viewer} v2`).toEqual([]);
    }
  });

  it('gives each relationship exactly its notifications', async () => {
    const statusNotified = async (viewer: Viewer) =>
      w.matrixIds(((await w.api(viewer, '/api/v1/notifications?types[]=status&limit=80')).body as Notification[]).map((n) => n.status!)).sort();
    const authorsOwn = w.all().filter((p) => p.by === 'author' && p.kind !== 'boost' && p.visibility !== 'direct');
    expect(await statusNotified('follower')).toEqual(w.visibleTo('follower', authorsOwn));
    expect(await statusNotified('former')).toEqual(w.visibleTo('former', authorsOwn));
    // private mentions from strangers wait as notification requests (Mastodon's default policy): counted with them
    const mentions = (await w.api('mentioned', '/api/v1/notifications?types[]=mention&limit=80&include_filtered=true')).body as Notification[];
    expect(w.matrixIds(mentions.map((n) => n.status!)).sort()).toEqual(w.visibleTo('mentioned', w.all().filter((p) => p.mentions)));
    for (const viewer of ['blocked', 'muted', 'blocking'] as const) {
      const fromAuthor = (await w.api(viewer, `/api/v1/notifications?account_id=${w.id('author')}`)).body as Notification[];
      expect(fromAuthor, `${viewer} asking for the author's notifications`).toEqual([]);
      const v2 = (await w.api(viewer, `/api/v2/notifications?account_id=${w.id('author')}`)).body as Groups;
      expect(v2.notification_groups, viewer).toEqual([]);
    }
  });

  it('shows in notification requests only statuses the recipient may see', async () => {
    for (const viewer of users) {
      const requests = (await w.api(viewer, '/api/v1/notifications/requests')).body as { id: string; last_status: { id: string } | null }[];
      for (const request of requests) {
        const byId = (await w.api(viewer, `/api/v1/notifications/requests/${request.id}`)).body as { last_status: { id: string } | null };
        const shown = w.matrixIds([request.last_status, byId.last_status].flatMap((s) => (s ? [s] : [])));
        expect(shown.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), `${viewer} requests`).toEqual([]);
      }
    }
    // the mentioned account got a private mention from the author, whom it does not follow: a request it may open
    const requests = (await w.api('mentioned', '/api/v1/notifications/requests')).body as { id: string }[];
    expect(requests.map((r) => r.id)).toContain(w.id('author'));
  });

  it('refuses by id, by group and in counts what the recipient may no longer see', async () => {
    for (const viewer of ['former', 'blocked', 'muted'] as const) {
      const earlier = w.earlier[viewer]!;
      expect(earlier.length, `${viewer} had notifications`).toBeGreaterThan(0);
      const now = ((await w.api(viewer, '/api/v1/notifications?limit=80')).body as Notification[]).map((n) => n.id);
      for (const notification of earlier) {
        const byId = await w.api(viewer, `/api/v1/notifications/${notification.id}`);
        expect(byId.status, `${viewer} ${notification.id}`).toBe(now.includes(notification.id) ? 200 : 404);
        const group = await w.api(viewer, `/api/v2/notifications/${notification.group_key}`);
        if (group.status === 200 && !now.includes(notification.id)) expect((group.body as Groups).notification_groups, viewer).toEqual([]);
        const accounts = await w.api(viewer, `/api/v2/notifications/${notification.group_key}/accounts`);
        if (accounts.status === 200 && !now.includes(notification.id)) expect(accounts.body, viewer).toEqual([]);
      }
      const v1Count = ((await w.api(viewer, '/api/v1/notifications/unread_count')).body as { count: number }).count;
      expect(v1Count, `${viewer} unread`).toBe(now.length);
      const v2Count = ((await w.api(viewer, '/api/v2/notifications/unread_count')).body as { count: number }).count;
      expect(v2Count, `${viewer} unread groups`).toBe(now.length);
    }
  });
});

describe('the privacy matrix: search and counters', () => {
  it('finds only statuses the searcher may see', async () => {
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      const found = (await w.api(viewer, `/api/v2/search?q=${WORD}&type=statuses&limit=40`)).body as { statuses: { id: string }[] };
      const ids = w.matrixIds(found.statuses ?? []);
      expect(ids.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), viewer).toEqual([]);
    }
    const byAuthor = ((await w.api('author', `/api/v2/search?q=${WORD}&type=statuses&limit=40`)).body as { statuses: { id: string }[] }).statuses;
    expect(w.matrixIds(byAuthor)).toContain(w.posts.get('private-root')!.id);
    const byFollower = ((await w.api('follower', `/api/v2/search?q=${WORD}&type=statuses&limit=40`)).body as { statuses: { id: string }[] }).statuses;
    expect(w.matrixIds(byFollower)).toContain(w.posts.get('private-reply')!.id);
  });

  it('counts only what everyone may see in public counters', async () => {
    const repliesCount = async (viewer: Viewer, key: string) => ((await w.api(viewer, `/api/v1/statuses/${w.posts.get(key)!.id}`)).body as { replies_count: number }).replies_count;
    expect(await repliesCount('anonymous', 'public-root')).toBe(1);
    expect(await repliesCount('anonymous', 'unlisted-root')).toBe(1);
    expect(await repliesCount('author', 'private-root')).toBe(0);
    expect(await repliesCount('author', 'direct-root')).toBe(0);
    const tag = (await w.api('anonymous', `/api/v1/tags/${TAG}`)).body as { history: { uses: string; accounts: string }[] };
    // public and unlisted roots and replies of the author; not private, direct, boosts, nor the suspended account's
    expect(tag.history[0]).toMatchObject({ uses: '4', accounts: '1' });
  });
});

describe('the privacy matrix: follows across a block', () => {
  it('refuses a follow either way while a block stands', async () => {
    const follow = (who: string, whom: string) =>
      fetch(`${w.strata.url}/api/v1/accounts/${w.id(whom)}/follow`, { method: 'POST', headers: { authorization: `Bearer ${w.cast.users[who]!.token}` } });
    for (const [who, whom] of [['blocked', 'author'], ['author', 'blocked'], ['blocking', 'author'], ['author', 'blocking']]) {
      const res = await follow(who!, whom!);
      expect(res.status, `${who} follows ${whom}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: expect.any(String) });
    }
    const [relationship] = (await w.api('blocked', `/api/v1/accounts/relationships?id[]=${w.id('author')}`)).body as { following: boolean; blocked_by: boolean }[];
    expect(relationship).toMatchObject({ following: false, blocked_by: true });
  });
});
