import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * The distributed entry serves the web itself: the gateway mounts the public pages and the
 * web app as the embedded composition does, in front of an API process that has none of
 * them, and still sends ActivityPub requests for the same URLs to the inbox service.
 */
const temp = makeTempDir('strata-e2e-web-gateway-');
const processes: StrataProcess[] = [];
let api: StrataProcess;
let gateway: StrataProcess;
let bob: TestUser;
let postId: string;

beforeAll(async () => {
  // the embedded process runs the projector and answers federation; the API process is the API alone
  const embedded = await startStrataProcess({ dataDir: temp.path });
  processes.push(embedded);
  api = await startStrataProcess({ dataDir: temp.path, entry: 'services/api/src/main.ts', readyText: 'api started' });
  processes.push(api);
  gateway = await startStrataProcess({
    dataDir: temp.path,
    entry: 'services/gateway/src/main.ts',
    readyText: 'gateway started',
    env: { STRATA_API_URL: api.url, STRATA_INBOX_URL: embedded.url, STRATA_STREAMING_URL: embedded.url },
  });
  processes.push(gateway);
  bob = (await signUpUsers(gateway.url, ['bob']))['bob']!;
  postId = (await bob.client.v1.statuses.create({ status: 'Bob through the gateway' })).id;
}, 90_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  temp.remove();
});

const html = { accept: 'text/html' };

describe('the distributed gateway serves the web', () => {
  it('answers the public profile and post pages the API process alone does not', async () => {
    expect((await fetch(`${api.url}/@bob`, { headers: html })).status).toBe(404);
    const profile = await fetch(`${gateway.url}/@bob`, { headers: html });
    expect(profile.status).toBe(200);
    expect(profile.headers.get('content-type')).toContain('text/html');
    expect(await profile.text()).toContain('Bob through the gateway');
    const post = await fetch(`${gateway.url}/@bob/${postId}`, { headers: html });
    expect(await post.text()).toContain('Bob through the gateway');
    expect((await fetch(`${gateway.url}/about`, { headers: html })).status).toBe(200);
  });

  it('serves the web app at /web and the API behind it', async () => {
    const app = await fetch(`${gateway.url}/web/home`);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<div id="app">');
    expect((await fetch(`${gateway.url}/api/v1/accounts/lookup?acct=bob`)).status).toBe(200);
  });

  it('still sends ActivityPub requests for a profile URL to federation', async () => {
    const actor = await fetch(`${gateway.url}/@bob`, { headers: { accept: 'application/activity+json' } });
    expect(actor.status).toBe(200);
    expect(((await actor.json()) as { type: string }).type).toBe('Person');
  });
});
