import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Link previews: a status that links to a page gets the page's card (OpenGraph tags, and
 * the player its oEmbed endpoint offers), fetched by a job through the outbound policy.
 * The page lives on a local server, reachable because the test allows private addresses.
 */
const temp = makeTempDir('strata-e2e-preview-cards-');
let strata: StrataProcess;
let site: Server;
let origin: string;
let alice: TestUser, bob: TestUser;

const page = (o: string) => `<!doctype html><html lang="en"><head><title>Fallback title</title>
<meta property="og:title" content="Rivers &amp; Lakes">
<meta property="og:description" content="A film about water.">
<meta property="og:image" content="/cover.jpg">
<meta property="og:site_name" content="Example Films">
<link rel="alternate" type="application/json+oembed" href="${o}/oembed?url=article">
</head><body><p>Hello</p><script>alert(1)</script></body></html>`;

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/article') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(origin));
    if (req.url?.startsWith('/oembed')) {
      const html = '<iframe src="https://player.example/embed/1" onload="alert(1)"></iframe><script>alert(2)</script>';
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'video', title: 'Rivers and Lakes (film)', author_name: 'Ann', provider_name: 'Example Films', html, width: 640, height: 360 }));
    }
    if (req.url === '/plain') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta name="twitter:title" content="Just a page"><meta name="description" content="Plain."></head></html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.4', resolve));
  origin = `http://127.0.0.4:${(site.address() as AddressInfo).port}`;
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as Record<'alice' | 'bob', TestUser>);
}, 60_000);

afterAll(async () => {
  site?.closeAllConnections();
  site?.close();
  await strata?.kill();
  temp.remove();
});

describe('preview cards', () => {
  it('shows the card of a linked page with its oEmbed player, on the status and at /card', async () => {
    const status = await alice.client.v1.statuses.create({ status: `Watch this ${origin}/article #films` });
    const card = await eventually(async () => (await bob.client.v1.statuses.$select(status.id).fetch()).card, 20_000);
    expect(card).toMatchObject({
      url: `${origin}/article`,
      title: 'Rivers and Lakes (film)',
      description: 'A film about water.',
      type: 'video',
      authorName: 'Ann',
      providerName: 'Example Films',
      image: `${origin}/cover.jpg`,
      width: 640,
      height: 360,
    });
    expect(card!.html).toBe('<iframe src="https://player.example/embed/1" width="640" height="360" frameborder="0" allowfullscreen="true" sandbox="allow-scripts allow-same-origin allow-popups"></iframe>');
    const viaCard = await fetch(`${strata.url}/api/v1/statuses/${status.id}/card`, { headers: { authorization: `Bearer ${bob.token}` } });
    // the raw entity, in Mastodon's snake_case
    expect(await viaCard.json()).toMatchObject({ url: card!.url, title: card!.title, author_name: 'Ann', provider_name: 'Example Films', html: card!.html });
  });

  it('falls back to Twitter tags, and keeps cards of statuses the caller may not see to itself', async () => {
    const status = await alice.client.v1.statuses.create({ status: `Also ${origin}/plain`, visibility: 'direct' });
    const card = await eventually(async () => (await alice.client.v1.statuses.$select(status.id).fetch()).card, 20_000);
    expect(card).toMatchObject({ title: 'Just a page', description: 'Plain.', type: 'link', html: '' });
    const asBob = await fetch(`${strata.url}/api/v1/statuses/${status.id}/card`, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(asBob.status).toBe(404);
  });
});
