import { createRestAPIClient } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers } from './support/users.ts';

/** The instance's side documents as clients fetch them on start and on the about screen. */
const temp = makeTempDir('strata-e2e-instance-');
let strata: StrataProcess;
let alice: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path, env: { STRATA_TERMS_OF_SERVICE: 'Be kind.', STRATA_INSTANCE_DESCRIPTION: 'A place for tests.' } });
  ({ alice } = await signUpUsers(strata.url, ['alice', 'bob']) as { alice: TestUser });
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const anonymous = () => createRestAPIClient({ url: strata.url });

describe('instance documents', () => {
  it('counts this week\'s statuses, active accounts and registrations in the activity', async () => {
    await alice.client.v1.statuses.create({ status: 'one' });
    await alice.client.v1.statuses.create({ status: 'two' });
    const weeks = await anonymous().v1.instance.activity.list();
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toMatchObject({ statuses: '2', logins: '1', registrations: '2' });
    expect(weeks.slice(1).every((w) => w.statuses === '0' && w.registrations === '0')).toBe(true);
    const starts = weeks.map((w) => Number(w.week));
    expect(starts[0]! - starts[1]!).toBe(7 * 86_400);
    expect(new Date(starts[0]! * 1000).getUTCDay()).toBe(1);
  });

  it('lists no peers before any federation', async () => {
    expect(await anonymous().v1.instance.peers.list()).toEqual([]);
  });

  it('serves the description, the configured terms and 404 for the missing privacy policy', async () => {
    expect((await anonymous().v1.instance.extendedDescription.fetch()).content).toContain('A place for tests.');
    const terms = await (await fetch(`${strata.url}/api/v1/instance/terms_of_service`)).json();
    expect(terms).toMatchObject({ effective: true, content: expect.stringContaining('Be kind.'), succeeded_by: null });
    expect((await fetch(`${strata.url}/api/v1/instance/privacy_policy`)).status).toBe(404);
  });

  it('names the languages, offers no translation and publishes no domain blocks', async () => {
    const languages = await anonymous().v1.instance.languages.list();
    expect(languages).toContainEqual({ code: 'de', name: 'German' });
    expect(await (await fetch(`${strata.url}/api/v1/instance/translation_languages`)).json()).toEqual({});
    expect(await anonymous().v1.instance.domainBlocks.fetch()).toEqual([]);
  });
});
