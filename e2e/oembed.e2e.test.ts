import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** oEmbed for statuses an anonymous reader may see, and its discovery link on the status page. */
const temp = makeTempDir('strata-e2e-oembed-');
let strata: StrataProcess;
let alice: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  alice = (await signUpUsers(strata.url, ['alice']))['alice']!;
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const oembed = (url: string) => fetch(`${strata.url}/api/oembed?url=${encodeURIComponent(url)}`);

describe('oEmbed', () => {
  it('embeds a public status as rich HTML linking to its page, and its page announces it', async () => {
    const status = await alice.client.v1.statuses.create({ status: 'Embed <me> & share' });
    const res = await oembed(status.url!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'rich', version: '1.0', author_name: 'alice', width: 400, height: null });
    expect(body['html']).toContain(`href="${status.url}"`);
    expect(body['html']).toContain('Embed &lt;me&gt; &amp; share');
    const page = await (await fetch(`${strata.url}/@alice/${status.id}`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain(`type="application/json+oembed" href="${new URL(status.url!).origin}/api/oembed?url=${encodeURIComponent(status.url!)}"`);
  });

  it('answers 404 for a status an anonymous reader may not see, and for any other URL', async () => {
    const secret = await alice.client.v1.statuses.create({ status: 'Followers only', visibility: 'private' });
    expect((await oembed(secret.url!)).status).toBe(404);
    const status = await alice.client.v1.statuses.create({ status: 'Public' });
    const elsewhere = new URL(status.url!);
    elsewhere.host = 'example.com';
    for (const url of [elsewhere.toString(), status.url!.replace('/@alice/', '/@bob/'), 'not a url', `${new URL(status.url!).origin}/@alice/99999`]) {
      expect((await oembed(url)).status, url).toBe(404);
    }
  });
});
