import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, foldEvents } from '@strata/kernel';
import { type InstanceDomainBlockEvent, instanceDomainAllowDecider, instanceDomainBlockDecider } from './instance-domain-policy.decider.ts';

const at = new Date('2026-11-23T12:00:00Z');
const settings = { severity: 'silence' as const, rejectMedia: false, rejectReports: false, obfuscate: false, privateComment: null, publicComment: 'spam' };
const state = (events: InstanceDomainBlockEvent[]) => foldEvents(instanceDomainBlockDecider, events);
const blocked = instanceDomainBlockDecider.decide({ type: 'BlockDomain', blockId: '7', domain: 'spam.example', settings, at }, null);

describe('the instance domain block decider', () => {
  it('blocks once: a second block of the same server is refused (422), as in Mastodon', () => {
    expect(blocked).toMatchObject([{ type: 'InstanceDomainBlockSaved', data: { blockId: '7', domain: 'spam.example', severity: 'silence' } }]);
    expect(() => instanceDomainBlockDecider.decide({ type: 'BlockDomain', blockId: '8', domain: 'spam.example', settings, at }, state(blocked))).toThrow(ValidationError);
  });

  it('changes a block under its id, and saving the same settings changes nothing', () => {
    const changed = instanceDomainBlockDecider.decide({ type: 'ChangeDomainBlock', domain: 'spam.example', settings: { ...settings, severity: 'suspend' }, at }, state(blocked));
    expect(changed).toMatchObject([{ data: { blockId: '7', severity: 'suspend', publicComment: 'spam' } }]);
    expect(instanceDomainBlockDecider.decide({ type: 'ChangeDomainBlock', domain: 'spam.example', settings, at }, state(blocked))).toEqual([]);
  });

  it('lifts a block once; there is nothing to change or lift on a server never blocked', () => {
    const lifted = instanceDomainBlockDecider.decide({ type: 'UnblockDomain', domain: 'spam.example', at }, state(blocked));
    expect(lifted).toMatchObject([{ type: 'InstanceDomainBlockRemoved', data: { blockId: '7' } }]);
    expect(() => instanceDomainBlockDecider.decide({ type: 'UnblockDomain', domain: 'spam.example', at }, state([...blocked, ...lifted]))).toThrow(NotFoundError);
    expect(() => instanceDomainBlockDecider.decide({ type: 'ChangeDomainBlock', domain: 'x.example', settings, at }, null)).toThrow(NotFoundError);
  });

  it('allows a server once and takes it off the list once', () => {
    const allowed = instanceDomainAllowDecider.decide({ type: 'AllowDomain', allowId: '9', domain: 'friend.example', at }, null);
    expect(allowed).toMatchObject([{ type: 'InstanceDomainAllowed' }]);
    expect(instanceDomainAllowDecider.decide({ type: 'AllowDomain', allowId: '10', domain: 'friend.example', at }, { allowId: '9' })).toEqual([]);
    expect(() => instanceDomainAllowDecider.decide({ type: 'DisallowDomain', domain: 'friend.example', at }, null)).toThrow(NotFoundError);
  });
});
