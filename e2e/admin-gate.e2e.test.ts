import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { everyRoute } from './support/routes.ts';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Every admin route the routers declare (read from the real routers, so a new one is
 * covered at once) refuses a token that is not a staff member's with 403, even when the
 * token carries the admin scopes, and a request without a token with 401.
 */
const temp = makeTempDir('strata-e2e-admin-gate-');
let strata: StrataProcess;
let user: TestUser;
let routes: { method: string; path: string }[] = [];

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  ({ user } = (await signUpUsers(strata.url, ['user'], 'read write admin:read admin:write')) as Record<'user', TestUser>);
  routes = (await everyRoute()).filter((route) => /^\/api\/v\d+\/admin\//.test(route.path) && route.method !== 'OPTIONS' && route.method !== 'HEAD');
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('the admin API', () => {
  it('refuses non-staff tokens (403) and anonymous requests (401) on every admin route', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:[a-z_]+/gi, '1');
      for (const [token, expected] of [[user.token, 403], [null, 401]] as const) {
        const response = await fetch(`${strata.url}${path}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
          ...(route.method !== 'GET' && { body: '{}' }),
        });
        const body = (await response.json()) as { error?: unknown };
        if (response.status !== expected || typeof body.error !== 'string') wrong.push(`${route.method} ${path} (${token ? 'user' : 'anonymous'}): ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
