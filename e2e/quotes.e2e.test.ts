import type { mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type TestUser, signUpUsers, statusOf } from './support/users.ts';

/**
 * Quote posts (Mastodon 4.5) through `masto`: quoting with the quoted status's policy,
 * the Quote entity (a quote inside a quote only as a ShallowQuote), quotes_count and
 * quote_approval, the author's list of quotes, revoking, the interaction policy, `quote`
 * and `quoted_update` notifications, and the visibility rules: no quoting of private
 * mentions or of others' followers-only posts, and a quoted status shown only to those
 * who may see it.
 */
const temp = makeTempDir('strata-e2e-quotes-');
let strata: StrataProcess;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  strata = await startStrataProcess({ dataDir: temp.path });
  const users = await signUpUsers(strata.url, ['alice', 'bob', 'carol', 'dave']);
  [alice, bob, carol, dave] = [users['alice']!, users['bob']!, users['carol']!, users['dave']!];
  await bob.client.v1.accounts.$select(alice.id).follow();
});
afterAll(async () => {
  await strata?.kill();
  temp.remove();
});

const quote = (user: TestUser, quotedStatusId: string, extra: Partial<mastodon.rest.v1.CreateStatusParamsWithStatus> = {}) =>
  user.client.v1.statuses.create({ status: `quoting as ${user.username}`, quotedStatusId, ...extra });
const raw = (user: TestUser, method: string, path: string, body?: object) =>
  fetch(`${strata.url}${path}`, { method, headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' }, ...(body && { body: JSON.stringify(body) }) });
const quotedOf = (status: mastodon.v1.Status) => (status.quote as mastodon.v1.Quote | null)?.quotedStatus ?? null;

async function notificationOf(user: TestUser, type: string, statusId: string) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const found = (await user.client.v1.notifications.list({ types: [type as mastodon.v1.NotificationType] })).find((n) => n.status?.id === statusId);
    if (found) return found;
  }
  throw new Error(`no ${type} notification for ${user.username}`);
}

describe('quoting', () => {
  it('embeds the quoted status, counts the quote, notifies its author and lists it for them alone', async () => {
    const original = await alice.client.v1.statuses.create({ status: 'An original thought' });
    expect(original.quoteApproval).toEqual({ automatic: ['public'], manual: [], currentUser: 'automatic' });
    const quoting = await quote(bob, original.id);
    expect(quoting.quote).toMatchObject({ state: 'accepted' });
    expect(quotedOf(quoting)!.id).toBe(original.id);
    expect((await alice.client.v1.statuses.$select(original.id).fetch()).quotesCount).toBe(1);
    const notification = await notificationOf(alice, 'quote', quoting.id);
    expect(notification.account.id).toBe(bob.id);

    expect((await alice.client.v1.statuses.$select(original.id).quotes.list()).map((s) => s.id)).toEqual([quoting.id]);
    expect(await statusOf(bob.client.v1.statuses.$select(original.id).quotes.list())).toBe(403);

    // a quote of a quote shows the inner one only as a reference
    const nested = await quote(carol, quoting.id);
    expect(quotedOf(nested)!.quote).toEqual({ state: 'accepted', quotedStatusId: original.id });

    // an edit of the quoted status reaches those who quoted it
    await alice.client.v1.statuses.$select(original.id).update({ status: 'An original thought, edited' });
    expect((await notificationOf(bob, 'quoted_update', original.id)).account.id).toBe(alice.id);
  });

  it('lets the author revoke a quote', async () => {
    const original = await alice.client.v1.statuses.create({ status: 'Quote me, or not' });
    const quoting = await quote(bob, original.id);
    expect((await raw(bob, 'POST', `/api/v1/statuses/${original.id}/quotes/${quoting.id}/revoke`)).status).toBe(403);
    const revoked = await raw(alice, 'POST', `/api/v1/statuses/${original.id}/quotes/${quoting.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { quote: unknown }).quote).toEqual({ state: 'revoked', quoted_status: null });
    expect((await bob.client.v1.statuses.$select(quoting.id).fetch()).quote).toMatchObject({ state: 'revoked', quotedStatus: null });
    expect(await alice.client.v1.statuses.$select(original.id).quotes.list()).toEqual([]);
    expect((await alice.client.v1.statuses.$select(original.id).fetch()).quotesCount).toBe(0);
  });
});

describe('who may quote', () => {
  it('follows the quote policy set on posting and changed later', async () => {
    const nobody = await alice.client.v1.statuses.create({ status: 'Not for quoting', quoteApprovalPolicy: 'nobody' });
    expect(nobody.quoteApproval).toMatchObject({ automatic: [], currentUser: 'automatic' });
    expect((await bob.client.v1.statuses.$select(nobody.id).fetch()).quoteApproval.currentUser).toBe('denied');
    expect(await statusOf(quote(bob, nobody.id))).toBe(422);
    expect((await quote(alice, nobody.id)).quote).toMatchObject({ state: 'accepted' });

    const res = await raw(alice, 'PUT', `/api/v1/statuses/${nobody.id}/interaction_policy`, { quote_approval_policy: 'followers' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { quote_approval: unknown }).quote_approval).toMatchObject({ automatic: ['followers'] });
    expect((await raw(bob, 'PUT', `/api/v1/statuses/${nobody.id}/interaction_policy`, { quote_approval_policy: 'public' })).status).toBe(403);
    expect(await statusOf(quote(carol, nobody.id))).toBe(422); // not a follower
    expect((await quote(bob, nobody.id)).quote).toMatchObject({ state: 'accepted' });
  });

  it("refuses private mentions and others' followers-only posts, and keeps a quote of one's own private post private", async () => {
    const direct = await alice.client.v1.statuses.create({ status: `@bob just us`, visibility: 'direct' });
    expect(await statusOf(quote(bob, direct.id))).toBe(422);
    expect(await statusOf(quote(alice, direct.id))).toBe(422);
    const followersOnly = await alice.client.v1.statuses.create({ status: 'For followers', visibility: 'private' });
    expect(followersOnly.quoteApproval.automatic).toEqual([]);
    expect(await statusOf(quote(bob, followersOnly.id))).toBe(422);
    expect(await statusOf(quote(carol, followersOnly.id))).toBe(404); // cannot even see it
    const own = await quote(alice, followersOnly.id, { visibility: 'public' });
    expect(own.visibility).toBe('private');
  });

  it('shows the quoted status only to those who may see it', async () => {
    const original = await alice.client.v1.statuses.create({ status: 'Seen by most' });
    const quoting = await quote(bob, original.id);
    await alice.client.v1.accounts.$select(dave.id).block();
    const seenByDave = await dave.client.v1.statuses.$select(quoting.id).fetch();
    expect(seenByDave.quote).toEqual({ state: 'unauthorized', quotedStatus: null });
    const anonymous = (await (await fetch(`${strata.url}/api/v1/statuses/${quoting.id}`)).json()) as { quote: { quoted_status: { id: string } } };
    expect(anonymous.quote.quoted_status.id).toBe(original.id);
    await alice.client.v1.statuses.$select(original.id).remove();
    expect((await bob.client.v1.statuses.$select(quoting.id).fetch()).quote).toMatchObject({ state: 'deleted', quotedStatus: null });
  });
});
