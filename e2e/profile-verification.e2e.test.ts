import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { hasChromium, launchChromium, screenshotFolder } from './support/chromium.ts';
import { type TestUser, signUpUsers } from './support/users.ts';
import { signedInWebApp } from './support/web-app.ts';

/**
 * Profile link verification (rel=me): a field whose value is a URL gets `verified_at`
 * once the page there links back to the account. The pages live on a local server,
 * reachable because the test allows private addresses (and plain http with them); one
 * links back, one does not, one is larger than a document may be, one never answers.
 */
const temp = makeTempDir('strata-e2e-profile-verification-');
let strata: StrataProcess;
let site: Server;
let origin: string;
let alice: TestUser, bob: TestUser;
/** Alice's profile page and actor URLs, as the server names them. */
let profileUrl = '', actorUrl = '';
const requested = new Set<string>();
/** Pages that answer only once the test has seen their field unverified (so no check can overtake that read). */
const gates = new Map<string, { opened: Promise<void>; open(): void }>();
for (const path of ['/actor-link', '/redirecting']) {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  gates.set(path, { opened, open });
}

const linkingPage = (head: string, body = '') => `<!doctype html><html><head><title>Me</title>${head}</head><body><p>Hello</p>${body}</body></html>`;

beforeAll(async () => {
  site = createServer((req, res) => {
    requested.add(req.url ?? '');
    const htmlPage = (body: string) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (req.url === '/home') return htmlPage(linkingPage('', `<a href="${profileUrl}" rel="nofollow me">Mastodon</a>`));
    if (req.url === '/actor-link') return void gates.get('/actor-link')!.opened.then(() => htmlPage(linkingPage(`<link rel="me" href="${actorUrl}">`)));
    // its rel=me link is a short link that redirects to the profile (checked with one HEAD, not followed)
    if (req.url === '/redirecting') return void gates.get('/redirecting')!.opened.then(() => htmlPage(linkingPage('', '<a rel="me" href="/go">me</a>')));
    if (req.url === '/go') return void res.writeHead(301, { location: profileUrl }).end();
    if (req.url === '/plain') return htmlPage(linkingPage('', `<a href="${profileUrl}">not rel=me</a>`));
    // the link back comes after more than a document may hold (1 MiB by default)
    if (req.url === '/big') return htmlPage(`<html><body><p>${'x'.repeat(1_200_000)}</p><a rel="me" href="${profileUrl}">me</a></body></html>`);
    if (req.url === '/slow') return; // never answers: the fetch gives up after the fetch timeout (3 s here)
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_FEDERATION_ALLOW_PRIVATE: 'true', STRATA_FEDERATION_FETCH_TIMEOUT_SECONDS: '3' } });
  ({ alice, bob } = (await signUpUsers(strata.url, ['alice', 'bob'])) as Record<'alice' | 'bob', TestUser>);
  const me = await alice.client.v1.accounts.verifyCredentials();
  profileUrl = me.url;
  // the actor URL, as the account entity's `uri` names it
  actorUrl = ((await (await fetch(`${strata.url}/api/v1/accounts/${alice.id}`)).json()) as { uri: string }).uri;
}, 60_000);

afterAll(async () => {
  site?.closeAllConnections();
  site?.close();
  await strata?.kill();
  temp.remove();
});

type Field = { name: string; value: string; verifiedAt?: string | null };
const verifiedOf = (fields: Field[]) => Object.fromEntries(fields.map((field) => [field.name, field.verifiedAt ?? null]));
const verifiedAtOf = (fields: Field[], name: string) => fields.find((field) => field.name === name)?.verifiedAt ?? null;
const accountAsBob = async () => bob.client.v1.accounts.$select(alice.id).fetch();
const credentialsOf = async () => alice.client.v1.accounts.verifyCredentials();

describe('profile link verification', () => {
  it('verifies only the field whose page links back with rel=me', async () => {
    const fieldsAttributes = [
      { name: 'Home', value: `${origin}/home` },
      { name: 'Plain', value: `${origin}/plain` },
      { name: 'Big', value: `${origin}/big` },
      { name: 'Slow', value: `${origin}/slow` },
    ];
    const updated = await alice.client.v1.accounts.updateCredentials({ fieldsAttributes });
    expect(verifiedOf(updated.fields)).toEqual({ Home: null, Plain: null, Big: null, Slow: null });

    // the fields are checked by one job that records its findings together: once Home is marked, all were checked
    const me = await eventually(async () => {
      const account = await credentialsOf();
      return verifiedAtOf(account.fields, 'Home') ? account : null;
    }, 30_000);
    expect(['/home', '/plain', '/big', '/slow'].every((path) => requested.has(path))).toBe(true);
    expect(Date.parse(verifiedAtOf(me.fields, 'Home')!)).not.toBeNaN();
    expect(verifiedOf(me.fields)).toEqual({ Home: verifiedAtOf(me.fields, 'Home'), Plain: null, Big: null, Slow: null });
    // the owner's source fields carry the same marks (Mastodon's source.fields are Field entities)
    expect(verifiedOf(me.source.fields)).toEqual(verifiedOf(me.fields));

    const seenByBob = await accountAsBob();
    expect(verifiedOf(seenByBob.fields)).toEqual(verifiedOf(me.fields));
    const anonymous = (await (await fetch(`${strata.url}/api/v1/accounts/${alice.id}`)).json()) as { fields: { name: string; verified_at: string | null }[] };
    expect(anonymous.fields.map((field) => [field.name, field.verified_at])).toEqual([
      ['Home', verifiedAtOf(me.fields, 'Home')],
      ['Plain', null],
      ['Big', null],
      ['Slow', null],
    ]);
  });

  it('shows the verified mark on the public profile page', async () => {
    const res = await fetch(`${strata.url}/@alice`, { headers: { accept: 'text/html' } });
    const body = await res.text();
    expect(res.status).toBe(200);
    const verified = [...body.matchAll(/<dd class="verified">(.*?)<\/dd>/gs)].map((match) => match[1]);
    expect(verified).toHaveLength(1);
    expect(verified[0]).toContain(`${origin.replace(/^http:\/\//, '')}/home`);
    expect(body).toMatch(/<dt>Plain<\/dt><dd>/);
  });

  it.skipIf(!hasChromium)('shows the verified mark on the profile in the web app', async () => {
    const browser = await launchChromium();
    try {
      const web = await signedInWebApp(browser, strata.url, 'bob', screenshotFolder('profile-verification'));
      await web.page.goto(`${strata.url}/web/@alice`);
      const verified = web.page.locator('dl.fields dd.verified');
      await verified.waitFor();
      expect(await verified.count()).toBe(1);
      expect(await verified.innerText()).toContain('/home');
      await web.accessible('a profile with a verified field');
      await web.shot('verified-field');
      expect(web.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('keeps the mark of a value that stayed, drops it when the value changes, and verifies a link to the actor', async () => {
    const before = verifiedAtOf((await credentialsOf()).fields, 'Home');
    // Home renamed (same value: still verified); Plain now names a page that links to the actor URL
    const renamed = await alice.client.v1.accounts.updateCredentials({
      fieldsAttributes: [
        { name: 'Website', value: `${origin}/home` },
        { name: 'Plain', value: `${origin}/actor-link` },
      ],
    });
    expect(verifiedOf(renamed.fields)).toEqual({ Website: before, Plain: null });
    gates.get('/actor-link')!.open();
    const relinked = await eventually(async () => {
      const account = await credentialsOf();
      return verifiedAtOf(account.fields, 'Plain') ? account : null;
    }, 30_000);
    expect(verifiedAtOf(relinked.fields, 'Website')).toBe(before);

    // a changed value loses its mark at once; the new value is checked on its own
    const changed = await alice.client.v1.accounts.updateCredentials({
      fieldsAttributes: [
        { name: 'Website', value: `${origin}/redirecting` },
        { name: 'Plain', value: `${origin}/actor-link` },
      ],
    });
    expect(verifiedAtOf(changed.fields, 'Website')).toBeNull();
    expect(verifiedAtOf(changed.fields, 'Plain')).toBe(verifiedAtOf(relinked.fields, 'Plain'));
    expect(verifiedAtOf((await accountAsBob()).fields, 'Website')).toBeNull();
    gates.get('/redirecting')!.open();

    // its page's rel=me link redirects to the profile, which verifies it anew
    const redirected = await eventually(async () => verifiedAtOf((await accountAsBob()).fields, 'Website'), 30_000);
    expect(requested.has('/go')).toBe(true);
    expect(Date.parse(redirected)).toBeGreaterThanOrEqual(Date.parse(before!));
  });
});
