import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueToken, findToken } from '@strata/auth';
import { type Sealed, PersonalDataVault } from '@strata/personal-data';
import { deleteAccount } from './delete-account.ts';
import { registerLocalUser } from './register-local-user.ts';
import { postStatus } from './statuses.ts';
import { updateAccountProfile } from './update-profile.ts';
import { openWorld } from './testing/world.ts';

let world: ReturnType<typeof openWorld>;
beforeEach(() => {
  world = openWorld();
});
afterEach(async () => world.close());

/** Sets up an account with a sealed profile, a sealed status, a token, a session and an avatar file. */
async function aliceWithContent() {
  const { deps, metadata } = world;
  const alice = await world.signUp('alice');
  await updateAccountProfile(deps, alice, { profile: { displayName: 'Alice Secret-Name', note: 'my private note' } }, metadata);
  const visibility = 'public' as const;
  await postStatus(deps, { accountId: alice, visibility, inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content: { text: 'a very secret status', spoilerText: '', tags: [] }, applicationId: null }, metadata);
  const token = await issueToken(deps.vault, deps.clock, { appId: '1', accountId: alice, scopes: ['read'], withRefreshToken: true });
  await deps.vault.sessions.upsert({ id: 'session-hash', accountId: alice, csrfToken: 'csrf', createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString() });
  await deps.media.put(`accounts/avatars/${alice}/original/a.webp`, Buffer.from('avatar'), 'image/webp');
  return { alice, token };
}

const sealedOf = (data: unknown): Sealed[] => {
  const found: Sealed[] = [];
  const walk = (value: unknown) => {
    if (value && typeof value === 'object') {
      if ((value as { sealed?: unknown }).sealed === 'aes-256-gcm/v1') found.push(value as Sealed);
      else Object.values(value).forEach(walk);
    }
  };
  walk(data);
  return found;
};

describe('deleteAccount', () => {
  it('refuses a wrong password and writes nothing', async () => {
    const { alice } = await aliceWithContent();
    const before = (await world.deps.store.readAll()).length;
    await expect(deleteAccount(world.deps, { accountId: alice, by: 'owner', password: 'wrong password' }, world.metadata)).rejects.toThrow('Password is invalid');
    expect(await world.deps.store.readAll()).toHaveLength(before);
    expect(await world.deps.vault.credentials.get(alice)).not.toBeNull();
  });

  it('leaves every sealed event of the account unreadable in the raw event store', async () => {
    const { alice } = await aliceWithContent();
    const raw = async () => (await world.deps.store.readAll()).filter((e) => JSON.stringify(e.data).includes(alice));
    const sealedBefore = (await raw()).flatMap((e) => sealedOf(e.data)).filter((s) => s.subject === alice);
    expect(sealedBefore.length).toBeGreaterThanOrEqual(2); // the profile and the status
    // a reader with the vault can open them before the deletion
    const reader = new PersonalDataVault(world.vaultStore);
    expect(await reader.unseal(sealedBefore[0]!)).not.toBeNull();

    const steps: string[] = [];
    const result = await deleteAccount(world.deps, { accountId: alice, by: 'owner', password: 'alice password' }, world.metadata, (step) => steps.push(step));
    expect(result.appended).toBe(1);
    expect(steps.join('\n')).toContain('shredded');

    const after = await raw();
    expect(after.map((e) => e.type)).toContain('AccountDeleted');
    const sealedAfter = after.flatMap((e) => sealedOf(e.data)).filter((s) => s.subject === alice);
    expect(sealedAfter).toHaveLength(sealedBefore.length);
    // the log still holds the ciphertext, never the plain text, and no reader can open it any more
    expect(JSON.stringify(after)).not.toMatch(/Secret-Name|very secret status|private note/);
    const freshReader = new PersonalDataVault(world.vaultStore);
    for (const sealed of sealedAfter) expect(await freshReader.unseal(sealed)).toBeNull();
    await expect(world.deps.personalData.seal(alice, 'more')).rejects.toThrow('no personal-data key');
  });

  it('removes credentials, tokens, sessions and media, and keeps the username reserved', async () => {
    const { alice, token } = await aliceWithContent();
    await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    const { vault, media } = world.deps;
    expect(await vault.credentials.get(alice)).toBeNull();
    expect(await vault.credentials.count({ emailLower: 'alice@example.com' })).toBe(0);
    expect(await findToken(vault, token.accessToken)).toBeNull();
    expect(await vault.tokens.count({ accountId: alice })).toBe(0);
    expect(await vault.refreshTokens.count({ accountId: alice })).toBe(0);
    expect(await vault.sessions.count({ accountId: alice })).toBe(0);
    expect(await media.get(`accounts/avatars/${alice}/original/a.webp`)).toBeNull();

    const again = { username: 'Alice', email: 'someone@example.com', password: 'new password', locale: 'en', reason: null, role: 'user' as const, approved: true, confirmed: true, ip: null };
    const taken = { status: 422, details: { username: [{ error: 'ERR_TAKEN' }] } };
    await expect(registerLocalUser(world.deps, again, world.metadata)).rejects.toMatchObject(taken);
    // also long after: a reservation whose account stream exists is never taken for abandoned
    const later = { ...world.deps, clock: { now: () => new Date(Date.now() + 86_400_000) } };
    await expect(registerLocalUser(later, again, world.metadata)).rejects.toMatchObject(taken);
  });

  it('can be run again to finish an erasure, appending nothing the second time', async () => {
    const { alice } = await aliceWithContent();
    await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    const second = await deleteAccount(world.deps, { accountId: alice, by: 'operator' }, world.metadata);
    expect(second.appended).toBe(0);
    expect((await world.deps.store.readAll()).filter((e) => e.type === 'AccountDeleted')).toHaveLength(1);
  });
});
