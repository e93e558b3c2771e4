import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The public, server-rendered pages as a signed-out reader and a feed reader get them:
 * profile, post with its thread, hashtag, about, landing and RSS; private posts, hidden
 * replies and suspended accounts never render; ActivityPub requests are not answered here.
 */
const temp = makeTempDir('strata-e2e-web-pages-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, gone: TestUser;
const posts: Record<string, string> = {};
/** The URL the server names itself by (its configured public URL, not the address we reach it at). */
const publicUrl = () => `http://localhost:${new URL(strata.url).port}`;

const page = async (path: string, accept = 'text/html') => {
  const res = await fetch(`${strata.url}${path}`, { headers: { accept } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_INSTANCE_DESCRIPTION: 'A <b>test</b> server', STRATA_CONTACT_EMAIL: 'admin@example.com' } });
  ({ alice, bob, gone } = (await signUpUsers(strata.url, ['alice', 'bob', 'gone'])) as Record<'alice' | 'bob' | 'gone', TestUser>);
  await alice.client.v1.accounts.updateCredentials({ displayName: 'Alice <script>x</script>', note: 'Bio with <i>tags</i> & more', fieldsAttributes: [{ name: 'Site', value: 'https://alice.example' }] });
  const post = async (user: TestUser, key: string, status: string, extra: Record<string, unknown> = {}) => {
    posts[key] = (await user.client.v1.statuses.create({ status, ...extra })).id;
  };
  await post(alice, 'public', 'Hello #WebPages world <script>alert(1)</script>');
  await post(alice, 'private', 'secret followers-only words #WebPages', { visibility: 'private' });
  await post(alice, 'direct', 'direct words for @bob', { visibility: 'direct' });
  await post(alice, 'unlisted', 'quiet unlisted words');
  await post(bob, 'reply', 'a public reply to alice', { inReplyToId: posts['public'] });
  await post(bob, 'privateReply', 'a private reply to alice', { inReplyToId: posts['public'], visibility: 'private' });
  await post(alice, 'cw', 'behind a warning', { spoilerText: 'spoilers ahead' });
  await post(gone, 'gonePost', 'posted before suspension #WebPages');
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
  for (const [key, visibility] of [['media', 'public'], ['privateMedia', 'private']] as const) {
    const media = await alice.client.v2.media.create({ file: new Blob([new Uint8Array(png)], { type: 'image/png' }), description: `A red <b>${key}</b>` });
    await post(alice, key, `a picture, ${visibility}`, { mediaIds: [media.id], visibility });
  }
  await post(alice, 'poll', 'Which colour?', { poll: { options: ['Red', 'Blue'], expiresIn: 3600 } });
  await alice.client.v1.statuses.$select(posts['private']!).pin();
  await alice.client.v1.statuses.$select(posts['public']!).pin();
  const out = await runNode('packages/cli/src/main.ts', ['accounts', 'suspend', 'gone'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(out.stdout).toContain('gone is suspended');
  const rule = await runNode('packages/cli/src/main.ts', ['instance', 'rules', 'add', 'Be kind <to> everyone', '--hint', 'No harassment'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
  expect(rule.code, rule.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('public pages', () => {
  it('renders a profile with its bio, fields, counts and only its public posts, everything escaped', async () => {
    const { status, type, body } = await page('/@alice');
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(body).toContain('Alice &lt;script&gt;x&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('Bio with &lt;i&gt;tags&lt;/i&gt; &amp; more');
    expect(body).toMatch(/<dt>Site<\/dt>/);
    expect(body).toContain('Hello');
    expect(body).toContain('quiet unlisted words');
    expect(body).toContain('spoilers ahead');
    expect(body).not.toContain('secret followers-only');
    expect(body).not.toContain('direct words');
    // the pinned private post stays out too; the pinned public one is shown as pinned
    expect(body).toContain('Pinned posts');
    expect(body).toContain(`<link rel="alternate" type="application/activity+json" href="${publicUrl()}/users/alice">`);
    expect(body).toContain(`href="${publicUrl()}/@alice.rss"`);
    expect(body).toMatch(/<meta property="og:title" content="Alice &lt;script&gt;/);
  });

  it('lists on the media tab only public posts with media, their descriptions as alt text', async () => {
    const { status, body } = await page('/@alice/media');
    expect(status).toBe(200);
    expect(body).toContain('<a href="/@alice/media" aria-current="page">Media</a>');
    expect(body).toContain('a picture, public');
    expect(body).toContain('alt="A red &lt;b&gt;media&lt;/b&gt;"');
    expect(body).not.toContain('a picture, private');
    expect(body).not.toContain('Hello');
    expect(body).not.toContain('Pinned posts');
    expect((await page('/@nobody/media')).status).toBe(404);
    // the poll's results show on the posts tab
    expect((await page('/@alice')).body).toMatch(/<ul class="poll"><li><strong>0%<\/strong> Red<\/li><li><strong>0%<\/strong> Blue<\/li><\/ul>/);
  });

  it('renders a post with the thread an anonymous reader may see, and 404 for a private or direct one', async () => {
    const { status, body } = await page(`/@alice/${posts['public']}`);
    expect(status).toBe(200);
    expect(body).toContain('Hello');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('a public reply to alice');
    expect(body).not.toContain('a private reply to alice');
    expect(body).toContain(`type="application/activity+json" href="${publicUrl()}/users/alice/statuses/${posts['public']}"`);
    expect(body).toContain('<meta property="og:type" content="article">');
    for (const key of ['private', 'direct', 'privateReply']) {
      const hidden = await page(`/@${key === 'privateReply' ? 'bob' : 'alice'}/${posts[key]}`);
      expect(hidden.status, key).toBe(404);
      expect(hidden.body).not.toContain('words');
    }
    // a post under another account's name, and nonsense ids, are not found
    expect((await page(`/@bob/${posts['public']}`)).status).toBe(404);
    expect((await page('/@alice/not-a-number')).status).toBe(404);
  });

  it('answers 404 for suspended and unknown accounts and their posts', async () => {
    for (const path of ['/@gone', `/@gone/${posts['gonePost']}`, '/@nobody', '/@gone.rss', '/@bad%3Cname']) expect((await page(path)).status, path).toBe(404);
  });

  it('lists a hashtag\'s public posts only', async () => {
    const { status, body } = await page('/tags/webpages');
    expect(status).toBe(200);
    expect(body).toContain('Hello');
    expect(body).not.toContain('secret followers-only');
    expect(body).not.toContain('posted before suspension');
    expect(body).toContain('href="http');
  });

  it('serves RSS feeds of public posts', async () => {
    const feed = await page('/@alice.rss', '*/*');
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('application/rss+xml');
    expect(feed.body).toContain(`<link>${publicUrl()}/@alice/${posts['public']}</link>`);
    expect(feed.body).not.toContain('secret');
    expect(feed.body).not.toContain('<script>');
    const tag = await page('/tags/webpages.rss', '*/*');
    expect(tag.body).toContain(`${publicUrl()}/@alice/${posts['public']}`);
    expect(tag.body).not.toContain(posts['private']!);
  });

  it('describes the server on /about and welcomes visitors on /', async () => {
    const about = await page('/about');
    expect(about.status).toBe(200);
    expect(about.body).toContain('A &lt;b&gt;test&lt;/b&gt; server');
    expect(about.body).toContain('mailto:admin@example.com');
    expect(about.body).toMatch(/<ol class="rules"><li>Be kind &lt;to&gt; everyone<br><span class="muted">No harassment<\/span><\/li><\/ol>/);
    const landing = await page('/');
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('href="/web/sign_up"');
    expect(landing.body).toContain('Hello');
    expect(landing.body).not.toContain('secret');
    const css = await page('/assets/strata-public.css', 'text/css');
    expect(css.body).toContain('prefers-color-scheme: dark');
  });

  it('shows on /explore only trends a moderator approved', async () => {
    // #WebPages is used by two accounts, but nobody has reviewed it
    const explore = await page('/explore');
    expect(explore.status).toBe(200);
    expect(explore.body).toContain('<h1>Explore</h1>');
    expect(explore.body).toContain('No trending hashtags right now.');
    expect(explore.body).not.toContain('#webpages');
    expect(explore.body).toContain('href="/explore"');
  });

  it('leaves ActivityPub requests for the same URLs to federation', async () => {
    for (const accept of ['application/activity+json', 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']) {
      for (const path of ['/@alice', `/@alice/${posts['public']}`]) {
        const res = await page(path, accept);
        expect(res.type, `${path} ${accept}`).not.toContain('text/html');
      }
    }
  });
});

describe('the web app', () => {
  it('serves its one page for every /web route', async () => {
    for (const path of ['/web/', '/web/home', '/web/@alice', '/web/statuses/1']) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.body).toMatch(/<script type="module"[^>]*src="\/web\/assets\/index-[\w-]+\.js"/);
    }
    const script = res2src((await page('/web/')).body);
    const asset = await fetch(`${strata.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });
});

const res2src = (body: string) => body.match(/src="(\/web\/assets\/[^"]+)"/)![1]!;
