import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/**
 * Admins block sign-ups by e-mail domain, canonical e-mail address and IP range
 * (approval, refusal, no access at all); every block is enforced at sign-up.
 */
const temp = makeTempDir('strata-e2e-sign-up-blocks-');
let strata: StrataProcess;
let admin: TestUser, moderator: TestUser;
let appToken = '';
const ADMIN_SCOPES = 'read write admin:read admin:write';
const cli = (...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' });
const call = (path: string, token: string, init: { method?: string; body?: unknown; from?: string } = {}) =>
  fetch(`${strata.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.from && { 'x-forwarded-for': init.from }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
let counter = 0;
/** A sign-up through the API: its status and, when it worked, whether the account may act (or awaits approval). */
async function signUp(email: string, from = '192.0.2.1') {
  const response = await call('/api/v1/accounts', appToken, { method: 'POST', from, body: { username: `u${++counter}`, email, password: 'a good password', agreement: true, locale: 'en', reason: 'hi' } });
  if (response.status !== 200) return { status: response.status, body: (await response.json()) as { error: string } };
  const { access_token } = (await response.json()) as { access_token: string };
  return { status: 200, active: (await call('/api/v1/accounts/verify_credentials', access_token)).status === 200 };
}

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_SIGN_UP_LIMIT_PER_ADDRESS: '1000' } });
  ({ admin, moderator } = (await signUpUsers(strata.url, ['admin', 'moderator'], ADMIN_SCOPES)) as Record<'admin' | 'moderator', TestUser>);
  expect((await cli('accounts', 'role', 'admin', 'admin')).code).toBe(0);
  expect((await cli('accounts', 'role', 'moderator', 'moderator')).code).toBe(0);
  const app = (await createRestAPIClient({ url: strata.url }).v1.apps.create({ clientName: 'blocks', redirectUris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' })) as { clientId: string; clientSecret: string };
  appToken = (await createOAuthAPIClient({ url: strata.url }).token.create({ grantType: 'client_credentials', clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read write' })).accessToken;
  await eventually(async () => (await call('/api/v1/admin/email_domain_blocks', admin.token)).status === 200);
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('e-mail domain blocks', () => {
  it('refuses sign-ups from a blocked domain and its subdomains, sends an approval-only domain to approval', async () => {
    const created = await call('/api/v1/admin/email_domain_blocks', admin.token, { method: 'POST', body: { domain: 'Spam.Example' } });
    expect(created.status).toBe(200);
    const block = (await created.json()) as { id: string; domain: string };
    expect(block).toMatchObject({ domain: 'spam.example', history: [], allow_with_approval: false });
    expect((await call('/api/v1/admin/email_domain_blocks', admin.token, { method: 'POST', body: { domain: 'spam.example' } })).status).toBe(422);
    expect((await call('/api/v1/admin/email_domain_blocks', admin.token, { method: 'POST', body: { domain: 'not a domain' } })).status).toBe(422);
    expect((await call('/api/v1/admin/email_domain_blocks', moderator.token)).status).toBe(403);

    expect(await signUp('someone@mail.spam.example')).toMatchObject({ status: 422, body: { error: 'Validation failed: Email uses a disallowed e-mail provider' } });
    expect(await signUp('someone@fine.example')).toEqual({ status: 200, active: true });

    await call('/api/v1/admin/email_domain_blocks', admin.token, { method: 'POST', body: { domain: 'slow.example', allow_with_approval: true } });
    expect(await signUp('someone@slow.example')).toEqual({ status: 200, active: false });

    const listed = (await (await call('/api/v1/admin/email_domain_blocks', admin.token)).json()) as { domain: string }[];
    expect(listed.map((b) => b.domain).sort()).toEqual(['slow.example', 'spam.example']);
    expect((await call(`/api/v1/admin/email_domain_blocks/${block.id}`, admin.token, { method: 'DELETE' })).status).toBe(200);
    expect(await signUp('again@spam.example')).toEqual({ status: 200, active: true });
  });
});

describe('canonical e-mail blocks', () => {
  it('blocks every spelling of one mailbox and tells which blocks an address matches', async () => {
    const created = (await (await call('/api/v1/admin/canonical_email_blocks', admin.token, { method: 'POST', body: { email: 'Bad.Guy+promo@example.org' } })).json()) as { id: string; canonical_email_hash: string };
    expect(created.canonical_email_hash).toMatch(/^[0-9a-f]{64}$/);
    const tested = (await (await call('/api/v1/admin/canonical_email_blocks/test', admin.token, { method: 'POST', body: { email: 'badguy@example.org' } })).json()) as { id: string }[];
    expect(tested.map((b) => b.id)).toEqual([created.id]);
    expect(await (await call('/api/v1/admin/canonical_email_blocks/test', admin.token, { method: 'POST', body: { email: 'goodguy@example.org' } })).json()).toEqual([]);
    expect((await signUp('b.a.d.g.u.y+x@example.org')).status).toBe(422);
    expect((await call(`/api/v1/admin/canonical_email_blocks/${created.id}`, admin.token)).status).toBe(200);
  });
});

describe('IP blocks', () => {
  it('applies each severity to its range, changes and lifts', async () => {
    expect((await call('/api/v1/admin/ip_blocks', admin.token, { method: 'POST', body: { ip: '203.0.113.999', severity: 'sign_up_block' } })).status).toBe(422);
    expect((await call('/api/v1/admin/ip_blocks', admin.token, { method: 'POST', body: { ip: '203.0.113.0/24', severity: 'everything' } })).status).toBe(400);
    const created = await call('/api/v1/admin/ip_blocks', admin.token, { method: 'POST', body: { ip: '203.0.113.0/24', severity: 'sign_up_block', comment: 'spam wave', expires_in: 86_400 } });
    const block = (await created.json()) as { id: string; expires_at: string };
    expect(block).toMatchObject({ ip: '203.0.113.0/24', severity: 'sign_up_block', comment: 'spam wave' });
    expect(Date.parse(block.expires_at)).toBeGreaterThan(Date.now());
    expect((await signUp('ip1@fine.example', '203.0.113.5')).status).toBe(403);
    expect((await signUp('ip2@fine.example', '198.51.100.5')).status).toBe(200);

    const changed = await call(`/api/v1/admin/ip_blocks/${block.id}`, admin.token, { method: 'PUT', body: { severity: 'sign_up_requires_approval' } });
    expect(await changed.json()).toMatchObject({ severity: 'sign_up_requires_approval', comment: 'spam wave' });
    expect(await signUp('ip3@fine.example', '203.0.113.6')).toEqual({ status: 200, active: false });

    await call(`/api/v1/admin/ip_blocks/${block.id}`, admin.token, { method: 'PUT', body: { severity: 'no_access' } });
    await eventually(async () => (await call('/api/v1/instance', admin.token, { from: '203.0.113.7' })).status === 403);
    expect((await call('/api/v1/instance', admin.token, { from: '198.51.100.7' })).status).toBe(200);
    expect((await call(`/api/v1/admin/ip_blocks/${block.id}`, admin.token, { method: 'DELETE' })).status).toBe(200);
    await eventually(async () => (await call('/api/v1/instance', admin.token, { from: '203.0.113.7' })).status === 200);
    expect(await (await call('/api/v1/admin/ip_blocks', admin.token)).json()).toEqual([]);
  });
});

describe('the operator CLI', () => {
  it('blocks and lifts e-mail domains, reporting each one', async () => {
    const added = await cli('email-domain-blocks', 'add', 'cli-one.example', 'cli-two.example', 'cli-one.example');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('[1/3] blocked cli-one.example');
    expect(added.stdout).toContain('[3/3] cli-one.example is already blocked');
    await eventually(async () => (await signUp('x@cli-two.example')).status === 422);
    expect((await cli('email-domain-blocks', 'list')).stdout).toContain('cli-two.example');
    expect((await cli('email-domain-blocks', 'remove', 'cli-two.example')).stdout).toContain('unblocked cli-two.example');
    await eventually(async () => (await signUp('y@cli-two.example')).status === 200);
  });

  it('modifies an account: role and password reset, which signs it out', async () => {
    const user = (await signUpUsers(strata.url, ['modified']))['modified']!;
    const modified = await cli('accounts', 'modify', 'modified', '--role', 'moderator', '--reset-password');
    expect(modified.code).toBe(0);
    expect(modified.stdout).toContain('role is now moderator');
    expect(modified.stdout).toMatch(/new password: \S{20,}/);
    expect((await call('/api/v1/accounts/verify_credentials', user.token)).status).toBe(401);
  });
});
