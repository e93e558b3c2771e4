import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** The admin dashboard's measures, dimensions and retention, computed from what happened (the event log). */
const temp = makeTempDir('strata-e2e-admin-metrics-');
let strata: StrataProcess;
let u: Record<'mod' | 'ann' | 'ben' | 'cat', TestUser>;
const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
const ask = async (path: string, body: object, token = u.mod.token) => {
  const response = await fetch(`${strata.url}/api/v1/admin/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as never };
};
type Measure = { key: string; total: string; previous_total: string; data: { date: string; value: string }[] };

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  u = (await signUpUsers(strata.url, ['mod', 'ann', 'ben', 'cat'], 'read write follow admin:read admin:write')) as typeof u;
  expect((await runNode('packages/cli/src/main.ts', ['accounts', 'role', 'mod', 'moderator'], { STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'warn' })).code).toBe(0);
  const post = await u.ann.client.v1.statuses.create({ status: 'hello there', language: 'en' });
  await u.ben.client.v1.statuses.create({ status: 'hallo zusammen', language: 'de' });
  await u.ben.client.v1.statuses.create({ status: 'a reply', inReplyToId: post.id, language: 'en' });
  await u.cat.client.v1.statuses.$select(post.id).favourite();
  await u.cat.client.v1.statuses.$select(post.id).reblog();
  const report = await u.cat.client.v1.reports.create({ accountId: u.ben.id, comment: 'rude' });
  await eventually(async () => (await fetch(`${strata.url}/api/v1/admin/reports/${report.id}`, { headers: { authorization: `Bearer ${u.mod.token}` } })).status === 200);
  await u.mod.client.v1.admin.reports.$select(report.id).resolve();
}, 60_000);

afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

describe('admin measures', () => {
  it('counts sign-ups, active users, interactions and reports per day, with the previous period', async () => {
    const keys = ['new_users', 'active_users', 'interactions', 'opened_reports', 'resolved_reports', 'no_such_key'];
    const measures = await eventually(async () => {
      const { body } = await ask('measures', { keys, start_at: weekAgo, end_at: today });
      const found = body as Measure[];
      return found.find((m) => m.key === 'resolved_reports')?.total === '1' ? found : undefined;
    });
    const byKey = Object.fromEntries(measures.map((m) => [m.key, m]));
    expect(Object.keys(byKey)).toEqual(['new_users', 'active_users', 'interactions', 'opened_reports', 'resolved_reports']);
    expect(byKey['new_users']).toMatchObject({ total: '4', previous_total: '0' });
    expect(byKey['new_users']!.data).toHaveLength(7);
    expect(byKey['new_users']!.data.at(-1)).toEqual({ date: `${today}T00:00:00.000Z`, value: '4' });
    expect(byKey['active_users']!.total).toBe('4');
    // the reply, the favourite and the boost
    expect(byKey['interactions']!.total).toBe('3');
    expect(byKey['opened_reports']!.total).toBe('1');
  });

  it('refuses a period that runs backwards or has no dates', async () => {
    expect((await ask('measures', { keys: ['new_users'], start_at: today, end_at: weekAgo })).status).toBe(422);
    expect((await ask('measures', { keys: ['new_users'], start_at: 'yesterday', end_at: today })).status).toBe(400);
  });
});

describe('admin dimensions and retention', () => {
  it('ranks the languages of local posts and names the software', async () => {
    const { body } = await ask('dimensions', { keys: ['languages', 'software_versions'], start_at: weekAgo, end_at: today, limit: 5 });
    const [languages, software] = body as { key: string; data: { key: string; value: string }[] }[];
    expect(languages!.data).toEqual([{ key: 'en', human_key: 'en', value: '2' }, { key: 'de', human_key: 'de', value: '1' }]);
    expect(software!.data.map((d) => d.key)).toEqual(['strata', 'nodejs']);
  });

  it('shows the share of each sign-up cohort active in later periods', async () => {
    const { body } = await ask('retention', { start_at: weekAgo, end_at: today, frequency: 'day' });
    const cohorts = body as { period: string; data: { date: string; rate: number; value: string }[] }[];
    expect(cohorts).toHaveLength(7);
    expect(cohorts.at(-1)).toEqual({ period: `${today}T00:00:00.000Z`, frequency: 'day', data: [{ date: `${today}T00:00:00.000Z`, rate: 1, value: '4' }] });
    expect(cohorts[0]!.data[0]).toMatchObject({ rate: 0, value: '0' });
  });
});
