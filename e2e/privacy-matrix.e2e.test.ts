import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG, VIEWERS, VISIBILITIES, sees } from './support/privacy-cast.ts';
import { type PrivacyWorld, buildPrivacyWorld } from './support/privacy-world.ts';
import { everyRoute } from './support/routes.ts';

/**
 * The privacy matrix: every read path × every kind of viewer × every kind of status,
 * asserting exactly who sees what against an oracle written apart from the product's
 * policy (support/privacy-cast.ts). A GET route that is neither covered here (or in the
 * second part, privacy-matrix-notifications) nor declared free of statuses fails the
 * test, so a new read path cannot skip the policy unnoticed.
 */
let w: PrivacyWorld;
type Json = Record<string, unknown> & { id: string };
beforeAll(async () => {
  w = await buildPrivacyWorld();
}, 120_000);
afterAll(async () => w?.stop());

/** Read paths covered below, by their route; each GET route of the API is here or in NO_STATUSES. */
const COVERED = new Set([
  '/api/v1/statuses/:id', '/api/v1/statuses/:id/context', '/api/v1/statuses/:id/history', '/api/v1/statuses/:id/reblogged_by',
  '/api/v1/statuses/:id/favourited_by', '/api/v1/statuses/:id/source', '/api/v1/statuses', '/api/v1/accounts/:id/statuses',
  '/api/v1/timelines/home', '/api/v1/timelines/public', '/api/v1/timelines/tag/:hashtag', '/api/v1/timelines/list/:id',
  '/api/v1/favourites', '/api/v1/bookmarks', '/api/v1/notifications', '/api/v1/notifications/:id', '/api/v1/notifications/unread_count',
  '/api/v2/notifications', '/api/v2/notifications/:group_key', '/api/v2/notifications/:group_key/accounts', '/api/v2/notifications/unread_count',
  '/api/v1/notifications/requests', '/api/v1/notifications/requests/:id', '/api/v1/trends/statuses',
  '/api/v2/search', '/api/v1/tags/:name', '/api/v1/lists/:id/accounts', '/@:username/:id', '/api/v1/conversations',
  // the public web pages (services/web): profile, post, hashtag and landing pages and their feeds
  '/', '/:handle', '/:handle/:id', '/tags/:tag', '/explore',
  '/api/v1/polls/:id', '/api/v1/statuses/:id/quotes', '/api/oembed',
]);
/** GET routes that render no status and no count of statuses, with why. */
const NO_STATUSES: Record<string, string> = {
  '/api/v1/accounts/:id': 'an account entity (statuses_count counts every status, as Mastodon does)',
  '/api/v1/accounts': 'account entities (hidden ones left out)', '/api/v1/accounts/lookup': 'an account entity', '/api/v1/accounts/search': 'account entities',
  '/api/v1/accounts/relationships': 'relationships', '/api/v1/accounts/verify_credentials': 'the caller',
  '/api/v1/accounts/:id/followers': 'accounts', '/api/v1/accounts/:id/following': 'accounts',
  '/api/v1/blocks': 'accounts', '/api/v1/mutes': 'accounts', '/api/v1/follow_requests': 'accounts',
  '/api/v1/lists': 'lists', '/api/v1/lists/:id': 'a list', '/api/v1/followed_tags': 'tags', '/api/v1/markers': 'positions',
  '/api/v1/preferences': 'preferences', '/api/v1/instance': 'instance', '/api/v2/instance': 'instance',
  '/api/v1/accounts/familiar_followers': 'accounts (hidden ones left out by the policy)', '/api/v1/accounts/:id/lists': 'the caller\'s lists',
  '/api/v1/endorsements': 'accounts', '/api/v1/accounts/:id/endorsements': 'accounts (hidden ones left out by the policy)',
  '/api/v1/directory': 'discoverable accounts', '/api/v1/suggestions': 'accounts', '/api/v2/suggestions': 'accounts with their sources',
  '/api/v1/featured_tags': 'the caller\'s tags', '/api/v1/featured_tags/suggestions': 'tags from the caller\'s own statuses',
  '/api/v1/accounts/:id/featured_tags': 'tags; their counts only count public and unlisted statuses, as public counters do',
  '/api/v1/instance/peers': 'domain names', '/api/v1/instance/activity': 'weekly totals of local statuses, public in Mastodon too',
  '/api/v1/instance/extended_description': 'configured text', '/api/v1/instance/privacy_policy': 'configured text',
  '/api/v1/instance/terms_of_service': 'configured text', '/api/v1/instance/terms_of_service/:date': 'configured text',
  '/api/v1/accounts/:id/identity_proofs': 'always empty (deprecated)',
  '/api/v1/annual_reports': 'the caller\'s own reports; their statuses are the caller\'s own, rendered through the policy',
  '/api/v1/annual_reports/:year': 'the caller\'s own report; its statuses are the caller\'s own, rendered through the policy',
  '/api/v1_alpha/async_refreshes/:id': 'the state of a backfill', '/api/v1/async_refreshes/:id': 'the state of a backfill',
  '/api/v1/instance/languages': 'language names',
  '/api/v1/instance/translation_languages': 'language pairs', '/api/v1/instance/domain_blocks': 'domain names',
  '/api/v1/announcements': 'announcements', '/api/v1/custom_emojis': 'emojis', '/api/v1/apps/verify_credentials': 'the app',
  '/.well-known/oauth-authorization-server': 'OAuth metadata', '/oauth/authorize': 'a page', '/oauth/userinfo': 'the caller',
  '/auth/sign_in': 'a page', '/auth/sign_up': 'a page', '/auth/signed_in': 'a page', '/avatars/original/missing.png': 'an image',
  '/headers/original/missing.png': 'an image', '/media/instance/thumbnail.png': 'an image', '/system/*key': 'media files',
  '/system/accounts/:kind/:accountId/*rest': 'avatars and headers', '/settings/delete': 'a page',
  '/users/:username': 'the ActivityPub actor, or a redirect to the profile page', '/@:username': 'the ActivityPub actor',
  '/.well-known/host-meta': 'discovery', '/api/v1/media/:id': 'an upload, its owner\'s alone',
  '/about': 'instance', '/assets/strata-public.css': 'a stylesheet', '/favicon.ico': 'an image', '/web': 'the web app\'s page', '/web/*path': 'the web app\'s page',
  '/api/v2/filters': "the caller's own filters", '/api/v2/filters/:id': "one of the caller's filters (404 to anyone else)",
  '/api/v2/filters/:id/keywords': "keywords of the caller's filter", '/api/v2/filters/keywords/:id': "a keyword of the caller's filter",
  // a filtered status is only an id, added after a visibility check (e2e/filters: 404 for a status the caller may not see)
  '/api/v2/filters/:id/statuses': "ids of statuses the caller filtered", '/api/v2/filters/statuses/:id': "an id of a status the caller filtered",
  '/api/v1/filters': "the caller's filter keywords", '/api/v1/filters/:id': "a keyword of the caller's filter",
  '/api/v1/instance/rules': 'the instance rules',
  '/api/v1/scheduled_statuses': "the caller's own scheduled statuses, not yet posted",
  '/api/v1/scheduled_statuses/:id': "one of the caller's scheduled statuses (404 to anyone else, e2e/scheduled-statuses)",
  '/api/v1/domain_blocks': 'the caller\'s blocked domain names',
  '/api/v1/admin/accounts': 'Admin::Account entities, staff with admin:read only (403 to others)',
  '/api/v2/admin/accounts': 'Admin::Account entities, staff with admin:read only (403 to others)',
  '/api/v1/admin/accounts/:id': 'an Admin::Account entity, staff with admin:read only (403 to others)',
  '/api/v1/admin/reports': 'reports to staff with admin:read only (403 to others); their statuses go through presentStatuses for the moderator',
  '/api/v1/admin/reports/:id': 'a report to staff with admin:read only (403 to others); its statuses go through presentStatuses for the moderator',
  // account care (mail, two-factor, export): the caller's own data or a page
  '/api/v1/emails/check_confirmation': "whether the caller's address is confirmed", '/auth/confirmation': 'a page (a confirmation link)',
  '/auth/password/new': 'a page', '/auth/password/edit': 'a page (a reset link)',
  '/settings/two_factor_authentication': "a page about the signed-in person's second factor",
  // e2e/export-import: bookmarks export as URIs of statuses the caller bookmarked (a bookmark needed the status visible)
  '/settings/exports/:file': "the caller's own follows, lists, blocks, mutes, domain blocks and bookmarks as CSV",
  '/settings/imports/:id': "the progress of the caller's own import (404 to anyone else)",
  // e2e/export-import: the archive holds the caller's own statuses, likes, bookmarks and media
  '/settings/export': 'a page of links and forms',
  '/settings/backups/:id': "the state of the caller's own archive (404 to anyone else)",
  '/settings/backups/:id/download': "the caller's own archive (404 to anyone else)",
  '/api/v1/admin/email_domain_blocks': 'blocked domains, admins only (403 to others)', '/api/v1/admin/email_domain_blocks/:id': 'a blocked domain, admins only (403 to others)',
  '/api/v1/admin/canonical_email_blocks': 'hashes, admins only (403 to others)', '/api/v1/admin/canonical_email_blocks/:id': 'a hash, admins only (403 to others)',
  '/api/v1/admin/ip_blocks': 'IP ranges, admins only (403 to others)', '/api/v1/admin/ip_blocks/:id': 'an IP range, admins only (403 to others)',
  '/health': 'liveness', '/health/live': 'liveness', '/health/ready': 'readiness', '/metrics': 'Prometheus counters, inside the network only', '/api/v1/streaming/health': 'liveness', '/.well-known/nodeinfo': 'server metadata', '/nodeinfo/2.0': 'usage totals',
  '/api/v1/push/subscription': "the calling token's Web Push subscription",
  '/api/v1/notifications/policy': 'the caller\'s policy and counts of its pending requests',
  '/api/v2/notifications/policy': 'the caller\'s policy and counts of its pending requests',
  '/api/v1/notifications/requests/merged': 'a flag',
  '/api/v1/trends': 'tags', '/api/v1/trends/tags': 'tags; their uses count public and unlisted statuses, as public counters do',
  '/api/v1/trends/links': 'links shared in public and unlisted statuses of shown accounts',
  '/api/v1/timelines/link': 'public statuses linking a trending link (404 otherwise), through statusTimeline and presentStatuses as the tag timeline; e2e/trends',
  '/api/v1/admin/trends/tags': 'tags, staff with admin:read only (403 to others)',
  '/api/v1/admin/trends/links': 'links, staff with admin:read only (403 to others)',
  '/api/v1/admin/trends/statuses': 'trending statuses to staff with admin:read only (403 to others), through presentStatuses for the moderator',
  '/api/v1/statuses/:id/card': 'the preview card of a status, after the same visibility check as the status (404 when it may not be seen)',
  '/api/v1/admin/domain_blocks': 'blocked domain names and comments, admins with admin:read only (403 to others)',
  '/api/v1/admin/domain_blocks/:id': 'a blocked domain and its comments, admins with admin:read only (403 to others)',
  '/api/v1/admin/domain_allows': 'allowed domain names, admins with admin:read only (403 to others)',
  '/api/v1/admin/domain_allows/:id': 'an allowed domain name, admins with admin:read only (403 to others)',
};
/** Server-Sent Events streams render through the same StreamRenderer as the WebSocket streams of privacy-matrix-streams. */
const isStreamed = (path: string) => path.startsWith('/api/v1/streaming/');

describe('the privacy matrix', () => {
  it('covers every GET route of the server', async () => {
    const gets = (await everyRoute()).filter((r) => r.method === 'GET').map((r) => r.path);
    const unclassified = gets.filter((path) => !COVERED.has(path) && !(path in NO_STATUSES) && !isStreamed(path));
    expect(unclassified, 'a new read path must join the privacy matrix').toEqual([]);
  });

  it('refuses every admin read to every viewer of the matrix, none of whom is staff', async () => {
    // the paths come from the routers: a new admin route joins at once (admin-gate does the writes)
    const someId = w.posts.get('public-root')!.id;
    const adminReads = (await everyRoute()).filter((r) => r.method === 'GET' && /^\/api\/v\d+\/admin\//.test(r.path)).map((r) => r.path.replace(/:[a-z_]+/gi, someId));
    expect(adminReads.length).toBeGreaterThan(15);
    const wrong: string[] = [];
    for (const path of adminReads) {
      for (const viewer of VIEWERS) {
        const { status, body } = await w.api(viewer, path);
        const expected = viewer === 'anonymous' || viewer === 'suspended' ? 401 : 403;
        if (status !== expected || JSON.stringify(body).includes('"statuses"')) wrong.push(`${viewer} ${path}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every read of a suspended account outright', async () => {
    for (const path of ['/api/v1/timelines/home', '/api/v1/notifications', `/api/v1/statuses/${w.posts.get('public-root')!.id}`]) {
      expect((await w.api('suspended', path)).status).toBe(401);
    }
  });

  it('shows each status by id exactly to those who may see it', async () => {
    const wrong: string[] = [];
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      for (const p of w.all()) {
        const expected = sees(viewer, p, w.posts) ? 200 : 404;
        const paths = p.kind === 'boost' ? [''] : ['', '/context', '/history', '/reblogged_by', '/favourited_by'];
        for (const suffix of paths) {
          const { status } = await w.api(viewer, `/api/v1/statuses/${p.id}${suffix}`);
          if (status !== expected) wrong.push(`${viewer} ${p.key}${suffix}: ${status}, expected ${expected}`);
        }
        const source = await w.api(viewer, `/api/v1/statuses/${p.id}/source`);
        // the source is the author's alone; an app token is refused (422) or, first, not shown the status (404)
        const sourceExpected = viewer === 'author' && p.by === 'author' && p.kind !== 'boost' ? [200] : viewer === 'anonymous' ? [401] : viewer === 'app' ? [404, 422] : [404];
        if (!sourceExpected.includes(source.status)) wrong.push(`${viewer} ${p.key}/source: ${source.status}`);
      }
      const many = await w.api(viewer, `/api/v1/statuses?${w.all().map((p) => `id[]=${p.id}`).join('&')}`);
      if (many.status === 200 && JSON.stringify((many.body as Json[]).map((s) => s.id).sort()) !== JSON.stringify(w.visibleTo(viewer))) wrong.push(`${viewer} /statuses?id[]`);
    }
    expect(wrong).toEqual([]);
  });

  it('shows the poll of a status exactly to those who may see the status', async () => {
    const wrong: string[] = [];
    for (const p of w.all().filter((post) => post.kind === 'root' && post.by === 'author')) {
      const pollId = ((await w.api('author', `/api/v1/statuses/${p.id}`)).body as { poll: { id: string } }).poll.id;
      for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
        const { status, body } = await w.api(viewer, `/api/v1/polls/${pollId}`);
        const expected = sees(viewer, p, w.posts) ? 200 : 404;
        if (status !== expected || (status === 200 && (body as Json).id !== pollId)) wrong.push(`${viewer} poll of ${p.key}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists the quotes of a status to its author alone', async () => {
    const wrong: string[] = [];
    for (const p of w.all().filter((post) => post.kind !== 'boost' && post.by === 'author')) {
      for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
        const { status } = await w.api(viewer, `/api/v1/statuses/${p.id}/quotes`);
        const expected = viewer === 'author' ? [200] : viewer === 'anonymous' ? [401] : !sees(viewer, p, w.posts) ? [404] : viewer === 'app' ? [422] : [403];
        if (!expected.includes(status)) wrong.push(`${viewer} quotes of ${p.key}: ${status}, expected ${expected.join('/')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('embeds (oEmbed) only what an anonymous reader may see', async () => {
    const wrong: string[] = [];
    for (const p of w.all().filter((post) => post.kind !== 'boost')) {
      const url = ((await w.api('author', `/api/v1/statuses/${p.id}`)).body as { url?: string }).url ?? `http://localhost:${w.strata.port}/@${p.by}/${p.id}`;
      const { status } = await w.api('anonymous', `/api/oembed?url=${encodeURIComponent(url)}`);
      if (status !== (sees('anonymous', p, w.posts) ? 200 : 404)) wrong.push(`${p.key}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('shows in trending statuses only what each viewer may see, and only what counts publicly', async () => {
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      const trending = w.matrixIds((await w.api(viewer, '/api/v1/trends/statuses?limit=40')).body as Json[]);
      expect(trending.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), viewer).toEqual([]);
      expect(trending.filter((id) => !['public-root', 'unlisted-root'].includes(w.keyOf(id))).map(w.keyOf), viewer).toEqual([]);
    }
    // boosted and favourited while public: it trends for anyone
    const anonymous = w.matrixIds((await w.api('anonymous', '/api/v1/trends/statuses?limit=40')).body as Json[]);
    expect(anonymous.map(w.keyOf)).toContain('public-root');
  });

  it('serves statuses to ActivityPub fetches only as to an anonymous viewer', async () => {
    const wrong: string[] = [];
    for (const p of w.all().filter((post) => post.kind !== 'boost')) {
      const by = p.by === 'gone' ? 'gone' : p.by;
      for (const path of [`/@${by}/${p.id}`, `/users/${by}/statuses/${p.id}`]) {
        const res = await fetch(`${w.strata.url}${path}`, { headers: { accept: 'application/activity+json' } });
        const served = res.status === 200 && ['Note', 'Question'].includes(((await res.json()) as { type?: string }).type ?? '');
        if (served !== sees('anonymous', p, w.posts)) wrong.push(`${path} (${p.key}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows a thread only as far as each viewer may see it', async () => {
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      for (const visibility of VISIBILITIES) {
        const [root, reply] = [w.posts.get(`${visibility}-root`)!, w.posts.get(`${visibility}-reply`)!];
        const down = await w.api(viewer, `/api/v1/statuses/${root.id}/context`);
        if (down.status === 200) expect(w.matrixIds((down.body as { descendants: Json[] }).descendants), `${viewer} ${visibility}`).toEqual(w.feedFor(viewer, [reply]));
        const up = await w.api(viewer, `/api/v1/statuses/${reply.id}/context`);
        if (up.status === 200) expect(w.matrixIds((up.body as { ancestors: Json[] }).ancestors), `${viewer} ${visibility}`).toEqual(w.feedFor(viewer, [root]));
      }
    }
  });

  it('lists an account\'s statuses and pins to those who may see them', async () => {
    const authorId = w.cast.users['author']!.id;
    const byAuthor = w.all().filter((p) => p.by === 'author');
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      const listed = await w.api(viewer, `/api/v1/accounts/${authorId}/statuses?limit=40`);
      expect(listed.status === 404 ? [] : w.matrixIds(listed.body).filter((id) => byAuthor.some((p) => p.id === id)).sort(), viewer).toEqual(w.visibleTo(viewer, byAuthor));
      const pinned = await w.api(viewer, `/api/v1/accounts/${authorId}/statuses?pinned=true`);
      expect(pinned.status === 404 ? [] : w.matrixIds(pinned.body).sort(), `${viewer} pinned`).toEqual(w.visibleTo(viewer, byAuthor.filter((p) => p.pinned)));
    }
  });

  it('keeps public and hashtag timelines to public posts of visible, unmuted accounts', async () => {
    const publicPosts = w.all().filter((p) => p.visibility === 'public' && p.kind !== 'boost');
    for (const viewer of VIEWERS.filter((v) => v !== 'suspended')) {
      for (const path of ['/api/v1/timelines/public?limit=40', '/api/v1/timelines/public?local=true&limit=40', `/api/v1/timelines/tag/${TAG}?limit=40`, `/api/v1/timelines/tag/${TAG}?all[]=${TAG}&limit=40`]) {
        const { body } = await w.api(viewer, path);
        expect(w.matrixIds(body).sort(), `${viewer} ${path}`).toEqual(w.feedFor(viewer, publicPosts));
      }
    }
  });

  it('fills home and list timelines only with what their owner may see', async () => {
    for (const viewer of VIEWERS.filter((v) => !['anonymous', 'app', 'suspended'].includes(v))) {
      const home = w.matrixIds((await w.api(viewer, '/api/v1/timelines/home?limit=40')).body);
      expect(home.filter((id) => !w.feedFor(viewer).includes(id)).map(w.keyOf), `${viewer} home`).toEqual([]);
    }
    expect(w.matrixIds((await w.api('follower', '/api/v1/timelines/home?limit=40')).body)).toContain(w.posts.get('private-root')!.id);
    expect(w.matrixIds((await w.api('mentioned', '/api/v1/timelines/home?limit=40')).body)).toContain(w.posts.get('direct-root')!.id);
    const listed = w.all().filter((p) => p.by === 'author' && p.visibility !== 'direct');
    expect(w.matrixIds((await w.api('follower', `/api/v1/timelines/list/${w.lists['follower']}?limit=40`)).body).sort()).toEqual(w.feedFor('follower', listed));
    // unfollowing takes the account out of the former follower's list
    expect((await w.api('former', `/api/v1/lists/${w.lists['former']}/accounts`)).body).toEqual([]);
    expect(w.matrixIds((await w.api('former', `/api/v1/timelines/list/${w.lists['former']}?limit=40`)).body)).toEqual([]);
  });

  it('shows in conversations only direct statuses their participant may see', async () => {
    for (const viewer of VIEWERS.filter((v) => !['anonymous', 'app', 'suspended'].includes(v))) {
      const conversations = (await w.api(viewer, '/api/v1/conversations?limit=40')).body as Array<{ last_status: Json }>;
      const shown = w.matrixIds(conversations.map((c) => c.last_status));
      expect(shown.filter((id) => !w.visibleTo(viewer).includes(id)).map(w.keyOf), `${viewer} conversations`).toEqual([]);
    }
    expect((await w.api('anonymous', '/api/v1/conversations')).status).toBe(401);
    const mentioned = (await w.api('mentioned', '/api/v1/conversations?limit=40')).body as Array<{ last_status: Json }>;
    expect(mentioned.length).toBeGreaterThan(0);
  });

  it('keeps favourites and bookmarks to what their owner may still see', async () => {
    const marked = ['public', 'unlisted', 'private'].map((v) => w.posts.get(`${v}-root`)!);
    for (const viewer of ['former', 'blocked', 'muted'] as const) {
      for (const path of ['/api/v1/favourites', '/api/v1/bookmarks']) {
        expect(w.matrixIds((await w.api(viewer, path)).body).sort(), `${viewer} ${path}`).toEqual(w.visibleTo(viewer, marked));
      }
    }
  });

  it('renders public web pages and feeds with only what an anonymous reader may see', async () => {
    const html = async (path: string) => {
      const res = await fetch(`${w.strata.url}${path}`, { headers: { accept: 'text/html' } });
      return { status: res.status, body: await res.text() };
    };
    const originals = w.all().filter((p) => p.kind !== 'boost');
    for (const p of originals) expect((await html(`/@${p.by}/${p.id}`)).status, p.key).toBe(sees('anonymous', p, w.posts) ? 200 : 404);
    const profile = (await html('/@author')).body;
    for (const p of originals.filter((p) => p.by === 'author')) expect(profile.includes(p.id), `/@author ${p.key}`).toBe(sees('anonymous', p, w.posts));
    const hidden = originals.filter((p) => !sees('anonymous', p, w.posts));
    for (const path of [`/tags/${TAG}`, `/tags/${TAG}.rss`, '/@author.rss', '/', '/explore', `/@author/${w.posts.get('public-root')!.id}`]) {
      const { body } = await html(path);
      expect(hidden.filter((p) => body.includes(p.id)).map((p) => p.key), path).toEqual([]);
    }
    expect((await html(`/tags/${TAG}`)).body).toContain(w.posts.get('public-reply')!.id);
    // the world shows unreviewed trends: the boosted and favourited public post trends on /explore too
    expect((await html('/explore')).body).toContain(w.posts.get('public-root')!.id);
  });
});
