import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@strata/kernel';
import { PersonalDataVault } from '@strata/personal-data';
import { type ReadModelStore, openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import type { ProjectionContext } from '../projection/projection.ts';
import { accountsCollection, accountsProjection, findAccountByAcct } from './accounts.view.ts';
import { findRemoteAccountByUri, knownDomainsCollection } from './remote-accounts.ts';

let temp: ReturnType<typeof makeTempDir>;
let store: ReadModelStore;
let context: ProjectionContext;
beforeEach(() => {
  temp = makeTempDir('strata-remote-accounts-');
  store = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
  context = { readModels: store, personalData: new PersonalDataVault(store), publicUrl: 'https://strata.example', publish: () => {} };
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const actor = {
  accountId: '7',
  uri: 'https://Peer.example/users/bob',
  username: 'Bob',
  domain: 'Peer.example',
  actorType: 'Service' as const,
  url: 'https://peer.example/@bob',
  inbox: 'https://peer.example/users/bob/inbox',
  sharedInbox: 'https://peer.example/inbox',
  followers: null,
  publicKey: { id: 'https://peer.example/users/bob#main-key', pem: 'PEM' },
  locked: true,
  discoverable: true,
  indexable: false,
};
async function fetched(revision: number, displayName: string): Promise<RecordedEvent> {
  await context.personalData.ensureSubject('7');
  const profile = await context.personalData.seal('7', { displayName, note: 'line one\nline <two>', fields: [], avatarUrl: null, headerUrl: null });
  const data = { ...actor, profile, fetchedAt: '2026-03-01T00:00:00.000Z' };
  return { id: `e${revision}`, type: 'RemoteAccountFetched', version: 1, stream: 'account-7', revision, position: revision + 1, time: data.fetchedAt, data, metadata: { correlationId: 'c' } };
}

describe('remote accounts in the accounts read model', () => {
  it('records where the actor lives and its profile, escaped, as a bot when it is a Service', async () => {
    await accountsProjection.apply(await fetched(0, 'Bob'), context);
    const account = await findRemoteAccountByUri(store, actor.uri);
    expect(account).toMatchObject({
      id: '7',
      username: 'Bob',
      domain: 'peer.example',
      locked: true,
      bot: true,
      displayName: 'Bob',
      noteHtml: '<p>line one<br />line &lt;two&gt;</p>',
      remote: { inbox: actor.inbox, sharedInbox: actor.sharedInbox, publicKeyId: actor.publicKey.id, publicKeyPem: 'PEM' },
    });
    expect(await knownDomainsCollection(store).count()).toBe(1);
    expect((await findAccountByAcct(store, '@bob@PEER.example', 'strata.example'))?.id).toBe('7');
    expect(await findAccountByAcct(store, 'bob@elsewhere.example', 'strata.example')).toBeNull();
  });

  it('keeps the newest fetch when an older one is delivered again, and reads a shredded profile as empty', async () => {
    const first = await fetched(0, 'Bob');
    await accountsProjection.apply(await fetched(1, 'Robert'), context);
    await accountsProjection.apply(first, context);
    expect((await accountsCollection(store).get('7'))?.displayName).toBe('Robert');

    const later = await fetched(2, 'Bob again');
    await context.personalData.shred('7');
    await accountsProjection.apply(later, context);
    expect((await accountsCollection(store).get('7'))?.displayName).toBe('');
  });

  it("keeps what moderators decided when the actor is fetched again", async () => {
    await accountsProjection.apply(await fetched(0, 'Bob'), context);
    const moderated = (revision: number, type: string, data: object): RecordedEvent =>
      ({ id: `e${revision}`, type, version: 1, stream: 'account-7', revision, position: revision + 1, time: '2026-03-01T00:00:00.000Z', data: { accountId: '7', at: '2026-03-01T00:00:00.000Z', ...data }, metadata: { correlationId: 'c' } });
    await accountsProjection.apply(moderated(1, 'AccountLimitsChanged', { silenced: true, sensitized: true, signInDisabled: false }), context);
    await accountsProjection.apply(moderated(2, 'AccountSuspensionChanged', { suspended: true }), context);
    await accountsProjection.apply(await fetched(3, 'Bob, fetched again'), context);
    expect(await accountsCollection(store).get('7')).toMatchObject({ displayName: 'Bob, fetched again', suspended: true, silenced: true, sensitized: true });
  });
});
