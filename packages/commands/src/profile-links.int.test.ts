import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountsCollection } from '@strata/views';
import { profileToVerify, recordVerifiedFields } from './profile-links.ts';
import { openWorld } from './testing/world.ts';
import { updateAccountProfile } from './update-profile.ts';

let world: ReturnType<typeof openWorld>;
beforeEach(() => {
  world = openWorld();
});
afterEach(async () => world.close());

const setFields = (accountId: string, fields: { name: string; value: string }[]) => updateAccountProfile(world.deps, accountId, { profile: { fields } }, world.metadata);
const fieldsOf = async (accountId: string) => (await accountsCollection(world.readModels).get(accountId))!.fields.map(({ name, verifiedAt }) => [name, verifiedAt ?? null]);

describe('profile link verification through the account stream and the accounts projection', () => {
  it('marks a verified field, and ignores a check of a profile that changed since', async () => {
    const alice = await world.signUp('alice');
    await setFields(alice, [{ name: 'Site', value: 'https://a.example/' }, { name: 'Note', value: 'hello' }]);
    const checked = (await profileToVerify(world.deps, alice))!;
    expect(checked.fields).toEqual([{ name: 'Site', value: 'https://a.example/' }, { name: 'Note', value: 'hello' }]);

    const written = await recordVerifiedFields(world.deps, alice, { fields: [checked.fields[0]!], profileUpdatedAt: checked.profileUpdatedAt }, world.metadata);
    expect(written.appended).toBe(1);
    await world.project();
    const [[, verifiedAt]] = (await fieldsOf(alice)) as [[string, string]];
    expect(Date.parse(verifiedAt)).not.toBeNaN();
    expect(await fieldsOf(alice)).toEqual([['Site', verifiedAt], ['Note', null]]);

    // the value changes while an older check is under way: its result is discarded
    const stale = (await profileToVerify(world.deps, alice))!;
    world.deps.clock = { now: () => new Date(Date.parse(stale.profileUpdatedAt) + 1000) };
    await setFields(alice, [{ name: 'Site', value: 'https://b.example/' }]);
    expect((await recordVerifiedFields(world.deps, alice, { fields: [{ name: 'Site', value: 'https://a.example/' }], profileUpdatedAt: stale.profileUpdatedAt }, world.metadata)).appended).toBe(0);
    await world.project();
    expect(await fieldsOf(alice)).toEqual([['Site', null]]);
  });

  it('has nothing to check for an account without a profile', async () => {
    const alice = await world.signUp('alice');
    expect(await profileToVerify(world.deps, alice)).toBeNull();
  });
});
