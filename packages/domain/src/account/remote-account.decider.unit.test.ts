import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import type { RemoteActorDocument } from '@strata/contracts';
import { type AccountEvent, accountDecider } from './account.decider.ts';
import { BACKFILL_EVERY_MS, remoteAccountDecider, remoteActorClaimDecider, remoteBackfillDecider } from './remote-account.decider.ts';

const actor: RemoteActorDocument = {
  uri: 'https://peer.example/users/bob',
  username: 'bob',
  domain: 'peer.example',
  actorType: 'Person',
  url: null,
  inbox: 'https://peer.example/users/bob/inbox',
  sharedInbox: null,
  followers: null,
  publicKey: null,
  locked: false,
  discoverable: true,
  indexable: false,
};
const profile = { sealed: 'aes-256-gcm/v1' as const, subject: '5', iv: '', tag: '', data: '' };
const at = new Date('2026-03-01T00:00:00Z');

describe('remoteActorClaimDecider', () => {
  it('gives an actor URI the first id claimed for it, and keeps it', () => {
    const first = remoteActorClaimDecider.decide({ type: 'ClaimRemoteActor', uri: actor.uri, accountId: '5' }, remoteActorClaimDecider.initialState());
    const state = foldEvents(remoteActorClaimDecider, first);
    expect(state.accountId).toBe('5');
    expect(remoteActorClaimDecider.decide({ type: 'ClaimRemoteActor', uri: actor.uri, accountId: '6' }, state)).toEqual([]);
  });
});

describe('remoteAccountDecider', () => {
  it('records every fetch whole, but never a different actor under the same account', () => {
    const fetched = remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState());
    expect(fetched).toEqual([{ type: 'RemoteAccountFetched', data: { ...actor, accountId: '5', profile, fetchedAt: at.toISOString() } }]);
    const state = foldEvents(remoteAccountDecider, fetched);
    expect(remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor: { ...actor, locked: true }, profile, at }, state)).toHaveLength(1);
    expect(() => remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor: { ...actor, uri: 'https://elsewhere.example/u' }, profile, at }, state)).toThrow(
      'cannot change',
    );
  });

  it('deletes the account once, and records no fetch after', () => {
    const state = foldEvents(remoteAccountDecider, remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState()));
    const deleted = remoteAccountDecider.decide({ type: 'DeleteRemoteAccount', accountId: '5', at }, state);
    expect(deleted).toEqual([{ type: 'AccountDeleted', data: { accountId: '5', username: 'bob', by: 'owner', deletedAt: at.toISOString() } }]);
    const gone = foldEvents(remoteAccountDecider, [...remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState()), ...deleted]);
    expect(remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, gone)).toEqual([]);
    expect(remoteAccountDecider.decide({ type: 'DeleteRemoteAccount', accountId: '5', at }, gone)).toEqual([]);
  });

  it('keeps its state through moderation events on the same stream', () => {
    const fetched = remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState());
    const suspended = { type: 'AccountSuspensionChanged', data: { accountId: '5', suspended: true, at: at.toISOString() } };
    // the account stream carries events of other deciders too: folding them must not lose the actor
    const state = foldEvents(remoteAccountDecider, [...fetched, suspended as never]);
    expect(state).toEqual({ uri: actor.uri, username: 'bob', movedToAccountId: null, deleted: false });
    expect(remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, state)).toHaveLength(1);
  });
});

describe('remoteAccountDecider: moves', () => {
  it('records a move of a known account once per target, never to itself', () => {
    const move = { type: 'RecordRemoteMove' as const, accountId: '5', movedToAccountId: '6', at };
    expect(() => remoteAccountDecider.decide(move, remoteAccountDecider.initialState())).toThrow();
    const fetched = remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState());
    const known = foldEvents(remoteAccountDecider, fetched);
    expect(() => remoteAccountDecider.decide({ ...move, movedToAccountId: '5' }, known)).toThrow('itself');
    const moved = remoteAccountDecider.decide(move, known);
    expect(moved).toEqual([{ type: 'RemoteAccountMoved', data: { accountId: '5', movedToAccountId: '6', at: at.toISOString() } }]);
    const after = foldEvents(remoteAccountDecider, [...fetched, ...moved]);
    expect(remoteAccountDecider.decide(move, after)).toEqual([]);
    expect(remoteAccountDecider.decide({ ...move, movedToAccountId: '7' }, after).map((e) => e.type)).toEqual(['RemoteAccountMoved']);
  });
});

describe('remoteBackfillDecider', () => {
  it('asks for a backfill on the first view, then not again within a day', () => {
    const ask = { type: 'RequestBackfill' as const, accountId: '5', at };
    const first = remoteBackfillDecider.decide(ask, remoteBackfillDecider.initialState());
    expect(first.map((e) => e.type)).toEqual(['RemoteAccountBackfillRequested']);
    const asked = foldEvents(remoteBackfillDecider, first);
    expect(remoteBackfillDecider.decide({ ...ask, at: new Date(at.getTime() + BACKFILL_EVERY_MS - 1) }, asked)).toEqual([]);
    expect(remoteBackfillDecider.decide({ ...ask, at: new Date(at.getTime() + BACKFILL_EVERY_MS) }, asked)).toHaveLength(1);
  });

  it('finishes the last requested backfill once, and no other', () => {
    const requested = remoteBackfillDecider.decide({ type: 'RequestBackfill', accountId: '5', at }, remoteBackfillDecider.initialState());
    const asked = foldEvents(remoteBackfillDecider, requested);
    const finish = { type: 'FinishBackfill' as const, accountId: '5', requestedAt: at.toISOString(), recorded: 3, at: new Date(at.getTime() + 1000) };
    const finished = remoteBackfillDecider.decide(finish, asked);
    expect(finished).toEqual([{ type: 'RemoteAccountBackfillFinished', data: { accountId: '5', requestedAt: at.toISOString(), recorded: 3, at: finish.at.toISOString() } }]);
    expect(remoteBackfillDecider.decide(finish, foldEvents(remoteBackfillDecider, [...requested, ...finished]))).toEqual([]);
    expect(remoteBackfillDecider.decide({ ...finish, requestedAt: new Date(0).toISOString() }, asked)).toEqual([]);
    expect(remoteBackfillDecider.decide(finish, remoteBackfillDecider.initialState())).toEqual([]);
  });
});

describe('a remote account under moderation', () => {
  it('is moderated through the account decider once fetched, and a later fetch changes nothing of it', () => {
    // the account stream as the account decider reads it (other event types pass it by)
    const fetched = remoteAccountDecider.decide({ type: 'RecordRemoteAccount', accountId: '5', actor, profile, at }, remoteAccountDecider.initialState()) as AccountEvent[];
    expect(() => accountDecider.decide({ type: 'SetSuspension', accountId: '5', suspended: true, at }, accountDecider.initialState())).toThrow();
    const suspended = accountDecider.decide({ type: 'SetSuspension', accountId: '5', suspended: true, at }, foldEvents(accountDecider, fetched));
    expect(suspended).toEqual([{ type: 'AccountSuspensionChanged', data: { accountId: '5', suspended: true, at: at.toISOString() } }]);
    const state = foldEvents(accountDecider, [...fetched, ...suspended, ...fetched]);
    expect(state).toMatchObject({ registered: true, username: 'bob', suspended: true });
    expect(accountDecider.decide({ type: 'SetSuspension', accountId: '5', suspended: true, at }, state)).toEqual([]);
  });
});
