import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

// the one server started with small limits, to prove them (every other suite raises them)
const THROTTLED = {
  STRATA_RATE_LIMIT_PER_ACCOUNT: '8',
  STRATA_RATE_LIMIT_PER_ADDRESS: '60',
  STRATA_SIGN_IN_LIMIT_PER_ADDRESS: '5',
  STRATA_SIGN_IN_LIMIT_PER_ACCOUNT: '3',
};
const temps = [makeTempDir('strata-e2e-limits-'), makeTempDir('strata-e2e-bodies-')];
let throttled: StrataProcess;
let relaxed: StrataProcess;
let users: Record<string, TestUser>;
let uploader: TestUser;

beforeAll(async () => {
  [throttled, relaxed] = await Promise.all([
    startStrataProcess({ dataDir: temps[0]!.path, env: THROTTLED }),
    startStrataProcess({ dataDir: temps[1]!.path }),
  ]);
  [users, uploader] = await Promise.all([signUpUsers(throttled.url, ['ada', 'bob']), signUpUsers(relaxed.url, ['cy']).then((u) => u['cy']!)]);
});
afterAll(async () => {
  await Promise.all([throttled?.kill(), relaxed?.kill()]);
  for (const temp of temps) temp.remove();
});

const get = (base: string, path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('general API limits', () => {
  it('counts each account’s requests, with Mastodon’s headers, and answers 429 past the limit', async () => {
    const ada = users['ada']!;
    const answers: Response[] = [];
    // signing up spent one of ada's points (verify_credentials)
    for (let i = 0; i < 8; i++) answers.push(await get(throttled.url, '/api/v1/timelines/home', ada.token));
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('8');
    expect(answers[0]!.headers.get('x-ratelimit-remaining')).toBe('6');
    expect(Date.parse(answers[0]!.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());
    expect(answers.slice(0, 7).map((a) => a.status)).toEqual(Array(7).fill(200));
    const refused = answers[7]!;
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'Too many requests' });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // another account from the same address is not held back
    expect((await get(throttled.url, '/api/v1/timelines/home', users['bob']!.token)).status).toBe(200);
  });

  it('throttles password guesses per login and per address, on the token endpoint and the sign-in page', async () => {
    const guess = (username: string) =>
      fetch(`${throttled.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', client_id: 'none', client_secret: 'none', username, password: 'wrong', scope: 'read' }),
      });
    const onAda = [await guess('ada'), await guess('ADA'), await guess('@ada'), await guess('ada')];
    expect(onAda.slice(0, 3).map((a) => a.status).every((s) => s >= 400 && s < 429)).toBe(true);
    expect(onAda[3]!.status).toBe(429);
    expect(onAda[3]!.headers.get('x-ratelimit-limit')).toBe('3');
    expect(Number(onAda[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await guess('bob')).status).toBeLessThan(429);
    const fromAddress = await guess('carol');
    expect(fromAddress.status).toBe(429);
    expect(fromAddress.headers.get('x-ratelimit-limit')).toBe('5');
    const page = await fetch(`${throttled.url}/auth/sign_in`, { method: 'POST', body: new URLSearchParams({ login: 'dave', password: 'x' }), redirect: 'manual' });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBeTruthy();
  });

  it('counts every request of one address, anonymous ones too', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 61 && last?.status !== 429; i++) last = await get(throttled.url, '/api/v1/instance');
    expect(last!.status).toBe(429);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('60');
    expect(await last!.json()).toEqual({ error: 'Too many requests' });
  });
});

describe('body limits', () => {
  const patch = (body: FormData | string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${relaxed.url}/api/v1/accounts/update_credentials`, { method: 'PATCH', headers: { ...headers, ...(token && { authorization: `Bearer ${token}` }) }, body });
  const withAvatar = (bytes: Buffer) => {
    const form = new FormData();
    form.set('display_name', 'Cy');
    form.set('avatar', new Blob([bytes], { type: 'image/png' }), 'avatar.png');
    return form;
  };

  it('reads files only after authentication, only on routes that take them, within their size', async () => {
    const huge = Buffer.alloc(17 * 1024 * 1024, 1);
    expect((await patch(withAvatar(huge))).status).toBe(401);
    const tooBig = await patch(withAvatar(huge), uploader.token);
    expect([413, 422]).toContain(tooBig.status);
    expect(typeof ((await tooBig.json()) as { error: unknown }).error).toBe('string');
    const avatar = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } }).png().toBuffer();
    const fine = await patch(withAvatar(avatar), uploader.token);
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as { avatar: string }).avatar).toContain('/system/accounts/avatars/');

    const fileElsewhere = new FormData();
    fileElsewhere.set('status', 'hello');
    fileElsewhere.set('media', new Blob([avatar], { type: 'image/png' }), 'x.png');
    const post = await fetch(`${relaxed.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${uploader.token}` }, body: fileElsewhere });
    expect(post.status).toBe(422);
    const fieldsOnly = new FormData();
    fieldsOnly.set('status', 'hello from a multipart form');
    const posted = await fetch(`${relaxed.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${uploader.token}` }, body: fieldsOnly });
    expect(posted.status).toBe(200);
  });

  it('refuses broken multipart bodies and oversized JSON with 4xx in Mastodon’s shape', async () => {
    for (const [type, body] of [
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=one', '--other\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--other--\r\n'],
      ['application/json', JSON.stringify({ note: 'x'.repeat(1_100_000) })],
    ] as const) {
      for (const token of [undefined, uploader.token]) {
        const response = await patch(body, token, { 'content-type': type });
        expect(response.status, `${type} ${token ? 'as a user' : 'anonymously'}`).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
      }
    }
  });

  it('builds Link headers from the paging parameters only, never from arbitrary query text', async () => {
    const response = await get(relaxed.url, `/api/v1/timelines/public?limit=5&local=true&junk=${'x'.repeat(12_000)}&since_id=1`);
    expect(response.status).toBe(200);
    const link = response.headers.get('link')!;
    expect(link).toMatch(/\/api\/v1\/timelines\/public\?limit=5&local=true&max_id=\d+>; rel="next"/);
    expect(link).not.toContain('junk');
    expect(link.length).toBeLessThan(2000);
  });
});
