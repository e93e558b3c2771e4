import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** Custom emojis: added with the admin CLI, listed to clients, found in local statuses and names. */
const temp = makeTempDir('strata-e2e-emojis-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser;
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', ['emojis', ...args], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
const file = (name: string, data: Buffer | string) => {
  const path = join(temp.path, name);
  writeFileSync(path, data);
  return path;
};

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob']);
  [alice, bob] = [users['alice']!, users['bob']!];
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('custom emojis', () => {
  it('are added with the CLI, listed, rendered in statuses and names, and removed', async () => {
    const png = file('blobcat.png', await mediaFixtures.png(64, 64));
    expect(await cli('add', 'blobcat', png)).toMatchObject({ code: 0, stdout: 'added :blobcat:\n' });
    const webp = file('party.webp', await sharp({ create: { width: 32, height: 32, channels: 3, background: '#0a0' } }).webp().toBuffer());
    expect((await cli('add', 'party_parrot', webp, '--category', 'Party', '--hidden')).code).toBe(0);

    const listed = await eventually(async () => {
      const emojis = await bob.client.v1.customEmojis.list();
      return emojis.length === 2 ? emojis : undefined;
    });
    expect(listed).toEqual([
      { shortcode: 'blobcat', url: expect.stringMatching(/\/system\/custom_emojis\/blobcat\/.+\.png$/), staticUrl: listed[0]!.url, visibleInPicker: true, category: null },
      { shortcode: 'party_parrot', url: expect.stringMatching(/\.webp$/), staticUrl: listed[1]!.url, visibleInPicker: false, category: 'Party' },
    ]);
    const image = await fetch(listed[0]!.url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(64);
    expect((await cli('list')).stdout).toMatch(/^:blobcat:\t-\tshown\t.+\n:party_parrot:\tParty\thidden\t.+\.webp\n$/);

    // only existing shortcodes count, each once
    const status = await alice.client.v1.statuses.create({ status: 'Hello :blobcat: and :blobcat: but not :nope:', spoilerText: 'a :party_parrot:' });
    expect(status.emojis.map((e) => e.shortcode)).toEqual(['party_parrot', 'blobcat']);
    expect(status.emojis[1]).toEqual({ shortcode: 'blobcat', url: listed[0]!.url, staticUrl: listed[0]!.url, visibleInPicker: true, category: null });

    const renamed = await alice.client.v1.accounts.updateCredentials({ displayName: 'Alice :blobcat:', note: 'plain note' });
    expect(renamed.emojis.map((e) => e.shortcode)).toEqual(['blobcat']);
    expect((await bob.client.v1.accounts.$select(alice.id).fetch()).emojis.map((e) => e.shortcode)).toEqual(['blobcat']);
    const seenByBob = await bob.client.v1.statuses.$select(status.id).fetch();
    expect(seenByBob.emojis).toHaveLength(2);
    expect(seenByBob.account.emojis.map((e) => e.shortcode)).toEqual(['blobcat']);
    const mention = await alice.client.v1.statuses.create({ status: '@bob look :party_parrot:' });
    const notified = await eventually(async () => (await bob.client.v1.notifications.list({ types: ['mention'] })).find((n) => n.status?.id === mention.id));
    expect(notified.account!.emojis.map((e) => e.shortcode)).toEqual(['blobcat']);
    expect(notified.status!.emojis.map((e) => e.shortcode)).toEqual(['party_parrot']);

    // an announcement's text and its reactions with a custom emoji carry the image
    expect((await runNode('packages/cli/src/main.ts', ['announcements', 'create', 'Welcome :blobcat:'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
    const [announcement] = await eventually(async () => {
      const found = await bob.client.v1.announcements.list();
      return found.length ? found : undefined;
    });
    await bob.client.v1.announcements.$select(announcement!.id).reactions.$select('blobcat').update();
    const [reacted] = await bob.client.v1.announcements.list();
    expect(reacted!.emojis.map((e) => e.shortcode)).toEqual(['blobcat']);
    expect(reacted!.reactions).toEqual([{ name: 'blobcat', count: 1, me: true, url: listed[0]!.url, staticUrl: listed[0]!.url }]);

    expect(await cli('remove', 'blobcat')).toMatchObject({ code: 0, stdout: 'removed :blobcat:\n' });
    await eventually(async () => ((await bob.client.v1.customEmojis.list()).length === 1 ? true : undefined));
    expect((await bob.client.v1.customEmojis.list()).map((e) => e.shortcode)).toEqual(['party_parrot']);
    expect((await bob.client.v1.statuses.$select(status.id).fetch()).emojis.map((e) => e.shortcode)).toEqual(['party_parrot']);
    expect((await fetch(listed[0]!.url)).status).toBe(404);
    // a removed shortcode can be added again
    expect((await cli('add', 'blobcat', png)).code).toBe(0);
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    const text = file('notes.txt', 'not an image at all');
    const big = file('big.png', Buffer.alloc(300 * 1024, 1));
    const png = file('ok.png', await mediaFixtures.png(16, 16));
    const cases: [string[], RegExp][] = [
      [['add', 'textfile', text], /not a PNG, GIF or WebP image/],
      [['add', 'bigfile', big], /too big \(maximum is 256 KB\)/],
      [['add', 'x', png], /invalid shortcode "x"/],
      [['add', 'bad-name', png], /invalid shortcode "bad-name"/],
      [['add', 'missing', join(temp.path, 'nothing.png')], /no image file at/],
      [['add', 'party_parrot', png], /:party_parrot: already exists/],
      [['remove', 'never_added'], /no custom emoji :never_added:/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(message);
    }
    expect((await cli('list')).stdout).not.toMatch(/textfile|bigfile|bad-name|missing/);
  });
});
