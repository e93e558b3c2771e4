import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import yauzl from 'yauzl';
import { mediaFixtures } from '@strata/media/fixtures';
import { FormBrowser, formsOf } from './support/browser.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Mastodon's CSV export and import: everything alice set up is exported, imported by a
 * fresh account on the same instance (export-import-two-instances imports on another
 * server, resolving the accounts through federation), and ends up the same; overwrite undoes what
 * the file leaves out; progress and retry through the import's own route.
 */
const temp = makeTempDir('strata-e2e-export-import-');
let strata: StrataProcess;
let u: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'copy', TestUser>;
let domain = '';
const get = (path: string, token: string) => fetch(`${strata.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const csv = async (kind: string, token: string) => {
  const response = await get(`/settings/exports/${kind}.csv`, token);
  expect(response.status, kind).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/csv');
  return response.text();
};
async function importCsv(token: string, type: string, data: string, mode = 'merge') {
  const response = await fetch(`${strata.url}/settings/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, mode, data }),
  });
  const created = (await response.json()) as { id: string; total_items: number; error?: string };
  expect(response.status, created.error).toBe(200);
  return eventually(async () => {
    const progress = (await (await get(`/settings/imports/${created.id}`, token)).json()) as { state: string; imported_items: number; failed_items: number; failures: string[]; id: string };
    return progress.state === 'finished' ? progress : undefined;
  }, 15_000);
}
const followingOf = async (user: TestUser) =>
  (await user.client.v1.accounts.$select(user.id).following.list()).map((a) => a.acct).sort();

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_SIGN_UP_LIMIT_PER_ADDRESS: '100' } });
  domain = new URL(strata.url).host.replace('127.0.0.1', 'localhost');
  u = (await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave', 'erin', 'copy'])) as typeof u;
  const { alice, bob, carol, dave, erin } = u;
  await alice.client.v1.accounts.$select(bob.id).follow({ reblogs: false });
  await alice.client.v1.accounts.$select(carol.id).follow({ notify: true, languages: ['en', 'de'] });
  await bob.client.v1.accounts.$select(alice.id).follow();
  const friends = await alice.client.v1.lists.create({ title: 'Friends' });
  await alice.client.v1.lists.$select(friends.id).accounts.create({ accountIds: [bob.id, carol.id] });
  const work = await alice.client.v1.lists.create({ title: 'Work, mostly' });
  await alice.client.v1.lists.$select(work.id).accounts.create({ accountIds: [carol.id] });
  await alice.client.v1.accounts.$select(dave.id).block();
  await alice.client.v1.accounts.$select(erin.id).mute({ notifications: false });
  await alice.client.v1.domainBlocks.create({ domain: 'spam.example' });
  const post = await bob.client.v1.statuses.create({ status: 'worth keeping' });
  await alice.client.v1.statuses.$select(post.id).bookmark();
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('export', () => {
  it("writes Mastodon's CSV formats", async () => {
    const { alice } = u;
    expect(await csv('following_accounts', alice.token)).toBe(
      `Account address,Show boosts,Notify on new posts,Languages\nbob@${domain},false,false,\ncarol@${domain},true,true,"en,de"\n`,
    );
    expect(await csv('followers', alice.token)).toBe(`Account address\nbob@${domain}\n`);
    expect(await csv('lists', alice.token)).toBe(`Friends,bob@${domain}\nFriends,carol@${domain}\n"Work, mostly",carol@${domain}\n`);
    expect(await csv('blocks', alice.token)).toBe(`dave@${domain}\n`);
    expect(await csv('mutes', alice.token)).toBe(`Account address,Hide notifications\nerin@${domain},false\n`);
    expect(await csv('domain_blocks', alice.token)).toBe('spam.example\n');
    expect(await csv('bookmarks', alice.token)).toMatch(new RegExp(`^http://${domain}/users/bob/statuses/\\d+\\n$`));
    expect((await fetch(`${strata.url}/settings/exports/blocks.csv`)).status).toBe(401);
    expect((await get('/settings/exports/passwords.csv', alice.token)).status).toBe(404);
  });
});

describe('import', () => {
  it('re-creates the same follows, lists, blocks, mutes, domain blocks and bookmarks in another account', async () => {
    const { alice, copy } = u;
    for (const [type, kind] of [['following', 'following_accounts'], ['lists', 'lists'], ['blocking', 'blocks'], ['muting', 'mutes'], ['domain_blocking', 'domain_blocks'], ['bookmarks', 'bookmarks']] as const) {
      const done = await importCsv(copy.token, type, await csv(kind, alice.token));
      expect(done, type).toMatchObject({ failed_items: 0 });
    }
    expect(await followingOf(copy)).toEqual(await followingOf(alice));
    for (const kind of ['following_accounts', 'lists', 'blocks', 'mutes', 'domain_blocks', 'bookmarks']) {
      expect(await csv(kind, copy.token), kind).toBe(await csv(kind, alice.token));
    }
  });

  it('overwrites: what the file leaves out is undone; merge keeps it; bad files and rows are told', async () => {
    const { copy, erin } = u;
    await copy.client.v1.accounts.$select(erin.id).unmute();
    await copy.client.v1.accounts.$select(erin.id).follow();
    const file = `Account address,Show boosts,Notify on new posts,Languages\nbob@${domain},true,false,\nnobody@${domain},true,false,\n`;
    const merged = await importCsv(copy.token, 'following', file);
    expect(merged).toMatchObject({ imported_items: 1, failed_items: 1, failures: [`nobody@${domain}: no such account found`] });
    expect(await followingOf(copy)).toEqual([`bob`, `carol`, `erin`]);
    const overwritten = await importCsv(copy.token, 'following', file, 'overwrite');
    expect(overwritten).toMatchObject({ imported_items: 1, failed_items: 1 });
    expect(await followingOf(copy)).toEqual(['bob']);

    const retried = await fetch(`${strata.url}/settings/imports/${overwritten.id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${copy.token}` } });
    expect(retried.status).toBe(200);
    await eventually(async () => ((await (await get(`/settings/imports/${overwritten.id}`, copy.token)).json()) as { state: string }).state === 'finished');
    expect((await get(`/settings/imports/${overwritten.id}`, u.alice.token)).status).toBe(404);

    const bad = await fetch(`${strata.url}/settings/imports`, { method: 'POST', headers: { authorization: `Bearer ${copy.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'domain_blocking', data: 'not a domain\n' }) });
    expect(bad.status).toBe(422);
  });
});

/** Every entry of a zip file, read with yauzl. */
function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

describe('the archive', () => {
  it('holds the actor, the outbox as ActivityPub activities, likes, bookmarks and media, once a week', async () => {
    const { alice } = u;
    const png = await alice.client.v2.media.create({ file: new Blob([new Uint8Array(await mediaFixtures.png(8, 8))], { type: 'image/png' }), description: 'a tiny square' });
    await alice.client.v1.statuses.create({ status: 'my own words #archived', mediaIds: [png.id] });
    const request = () => fetch(`${strata.url}/settings/backups`, { method: 'POST', headers: { authorization: `Bearer ${alice.token}` } });
    const requested = (await (await request()).json()) as { id: string; state: string };
    expect(requested.state).toBe('scheduled');
    expect((await request()).status).toBe(429);
    const ready = await eventually(async () => {
      const state = (await (await get(`/settings/backups/${requested.id}`, alice.token)).json()) as { state: string; url: string | null };
      return state.state === 'finished' ? state : undefined;
    }, 20_000);
    expect((await get(`/settings/backups/${requested.id}`, u.bob.token)).status).toBe(404);
    const download = await get(new URL(ready.url!).pathname, alice.token);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const entries = await unzip(Buffer.from(await download.arrayBuffer()));
    // stored beside media, never served by the public media route
    expect((await fetch(`${strata.url}/system/backups/${alice.id}/${requested.id}.zip`)).status).toBe(404);
    const actor = JSON.parse(entries.get('actor.json')!.toString()) as { preferredUsername: string; type: string };
    expect(actor).toMatchObject({ preferredUsername: 'alice', type: 'Person' });
    const outbox = JSON.parse(entries.get('outbox.json')!.toString()) as { orderedItems: { type: string; object: { content: string; attachment: { url: string }[] } }[] };
    const created = outbox.orderedItems.find((item) => item.type === 'Create' && item.object.content.includes('my own words'))!;
    expect(created.object.attachment).toHaveLength(1);
    expect(entries.get(created.object.attachment[0]!.url)?.length).toBeGreaterThan(0);
    const bookmarks = JSON.parse(entries.get('bookmarks.json')!.toString()) as { orderedItems: string[] };
    expect(bookmarks.orderedItems).toEqual([(await csv('bookmarks', alice.token)).trim()]);
  });
});

describe('the import and export page', () => {
  it('imports through its form with the sign-in session and its CSRF token', async () => {
    const browser = new FormBrowser(strata.url);
    const signIn = await browser.get(`/auth/sign_in?return_to=${encodeURIComponent('/settings/export')}`);
    expect((await browser.submit(formsOf(signIn.html)[0]!, { login: 'erin', password: 'erin password 1' })).location).toBe('/settings/export');
    const page = await browser.get('/settings/export');
    expect(page.html).toContain('/settings/exports/following_accounts.csv');
    const importForm = formsOf(page.html).find((form) => form.action === '/settings/imports')!;
    const refused = await browser.submit({ ...importForm, fields: { ...importForm.fields, authenticity_token: 'forged' } }, { type: 'domain_blocking', mode: 'merge', data: 'erin-hides.example\n' });
    expect(refused.status).toBe(403);
    const started = await browser.submit(importForm, { type: 'domain_blocking', mode: 'merge', data: 'erin-hides.example\n' });
    expect(started.status).toBe(200);
    await eventually(async () => (await u.erin.client.v1.domainBlocks.list()).includes('erin-hides.example'));
  });
});
