import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@strata/kernel';
import { PersonalDataVault } from '@strata/personal-data';
import { type ReadModelStore, openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import type { ProjectionContext } from '../projection/projection.ts';
import { domainPolicyFor } from './instance-domain-policy.ts';
import { instanceDomainBlocksCollection, instanceDomainPolicyProjection } from './instance-domain-policy.projection.ts';

let temp: ReturnType<typeof makeTempDir>;
let store: ReadModelStore;
let context: ProjectionContext;
beforeEach(() => {
  temp = makeTempDir('strata-domain-policy-');
  store = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
  context = { readModels: store, personalData: new PersonalDataVault(store), publicUrl: 'https://strata.example', publish: () => {} };
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

let position = 0;
const at = '2026-11-23T12:00:00.000Z';
const apply = (type: string, data: Record<string, unknown>) =>
  instanceDomainPolicyProjection.apply({ id: `e${++position}`, type, version: 1, stream: 's', revision: 0, position, time: at, data, metadata: { correlationId: 'c' } } as RecordedEvent, context);
const block = (blockId: string, domain: string, severity: string, flags: Record<string, boolean> = {}) =>
  apply('InstanceDomainBlockSaved', { blockId, domain, severity, rejectMedia: false, rejectReports: false, obfuscate: false, privateComment: null, publicComment: null, at, ...flags });

describe('the instance domain policy', () => {
  it('applies a block to the server and its subdomains, and a change replaces the block', async () => {
    await block('1', 'spam.example', 'silence', { rejectReports: true });
    expect(await domainPolicyFor(store, 'social.spam.example')).toEqual({ suspended: false, silenced: true, rejectMedia: false, rejectReports: true });
    expect(await domainPolicyFor(store, 'notspam.example')).toEqual({ suspended: false, silenced: false, rejectMedia: false, rejectReports: false });
    await block('1', 'spam.example', 'suspend');
    expect(await domainPolicyFor(store, 'spam.example:8443')).toMatchObject({ suspended: true, rejectMedia: true, rejectReports: true });
    expect((await instanceDomainBlocksCollection(store).get('1'))?.createdAt).toBe(at);
    await apply('InstanceDomainBlockRemoved', { blockId: '1', domain: 'spam.example', at });
    expect((await domainPolicyFor(store, 'spam.example')).suspended).toBe(false);
  });

  it('in limited-federation mode refuses every server not allowed', async () => {
    expect((await domainPolicyFor(store, 'friend.example', true)).suspended).toBe(true);
    await apply('InstanceDomainAllowed', { allowId: '5', domain: 'friend.example', at });
    expect((await domainPolicyFor(store, 'friend.example', true)).suspended).toBe(false);
    expect((await domainPolicyFor(store, 'other.example', true)).suspended).toBe(true);
    await apply('InstanceDomainAllowRemoved', { allowId: '5', domain: 'friend.example', at });
    expect((await domainPolicyFor(store, 'friend.example', true)).suspended).toBe(true);
  });
});
