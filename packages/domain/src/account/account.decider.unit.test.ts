import { describe, expect, it } from 'vitest';
import { ValidationError, foldEvents } from '@strata/kernel';
import { accountDecider, type AccountCommand } from './account.decider.ts';
import { usernameDecider } from './username.ts';

type RegisterAccount = Extract<AccountCommand, { type: 'RegisterAccount' }>;

const register = (username: string): RegisterAccount => ({
  type: 'RegisterAccount',
  accountId: '1',
  username,
  role: 'user',
  approved: true,
  at: new Date('2026-01-01T00:00:00Z'),
});

describe('accountDecider', () => {
  it('registers a new account', () => {
    expect(accountDecider.decide(register('alice'), accountDecider.initialState())).toEqual([
      {
        type: 'AccountRegistered',
        data: { accountId: '1', username: 'alice', role: 'user', approved: true, registeredAt: '2026-01-01T00:00:00.000Z' },
      },
    ]);
  });

  it('refuses to register twice', () => {
    const state = foldEvents(accountDecider, accountDecider.decide(register('alice'), accountDecider.initialState()));
    expect(() => accountDecider.decide(register('alice'), state)).toThrow(ValidationError);
  });

  it.each([
    ['', 'ERR_BLANK'],
    ['a'.repeat(31), 'ERR_TOO_LONG'],
    ['al ice', 'ERR_INVALID'],
    ['al@ice', 'ERR_INVALID'],
  ])('refuses username %j with %s', (username, code) => {
    try {
      accountDecider.decide(register(username), accountDecider.initialState());
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).details?.['username']?.[0]?.error).toBe(code);
    }
  });
});

describe('usernameDecider', () => {
  it('reserves a free name, is idempotent for its holder, refuses others', () => {
    const reserve = (accountId: string) => ({ type: 'ReserveUsername' as const, username: 'Alice', accountId });
    const events = usernameDecider.decide(reserve('1'), usernameDecider.initialState());
    expect(events).toHaveLength(1);
    const state = foldEvents(usernameDecider, events);
    expect(usernameDecider.decide(reserve('1'), state)).toEqual([]);
    expect(() => usernameDecider.decide(reserve('2'), state)).toThrow('already been taken');
  });
});

describe('accountDecider on a registered account', () => {
  const registered = foldEvents(accountDecider, accountDecider.decide(register('alice'), accountDecider.initialState()));
  const at = new Date('2026-02-01T00:00:00Z');

  it('records changed settings only', () => {
    const settings = { ...(registered as { settings: object }).settings, locked: true } as never;
    const events = accountDecider.decide({ type: 'UpdateProfile', accountId: '1', settings, at }, registered);
    expect(events.map((e) => e.type)).toEqual(['AccountSettingsChanged']);
    const state = foldEvents(accountDecider, [...accountDecider.decide(register('alice'), accountDecider.initialState()), ...events]);
    expect(accountDecider.decide({ type: 'UpdateProfile', accountId: '1', settings, at }, state)).toEqual([]);
  });

  it('approves and changes role idempotently', () => {
    expect(accountDecider.decide({ type: 'ApproveAccount', accountId: '1', at }, registered)).toEqual([]);
    expect(accountDecider.decide({ type: 'ChangeRole', accountId: '1', role: 'admin' }, registered)).toEqual([
      { type: 'AccountRoleChanged', data: { accountId: '1', role: 'admin' } },
    ]);
    expect(accountDecider.decide({ type: 'ChangeRole', accountId: '1', role: 'user' }, registered)).toEqual([]);
  });

  it('refuses changes to an account that does not exist', () => {
    expect(() => accountDecider.decide({ type: 'ApproveAccount', accountId: '9', at }, accountDecider.initialState())).toThrow('Record not found');
  });

  it('deletes once, then refuses every other change and finds nothing to delete again', () => {
    const deleted = accountDecider.decide({ type: 'DeleteAccount', accountId: '1', by: 'owner', at }, registered);
    expect(deleted).toEqual([{ type: 'AccountDeleted', data: { accountId: '1', username: 'alice', by: 'owner', deletedAt: at.toISOString() } }]);
    const state = deleted.reduce(accountDecider.evolve, registered);
    expect(accountDecider.decide({ type: 'DeleteAccount', accountId: '1', by: 'operator', at }, state)).toEqual([]);
    expect(() => accountDecider.decide({ type: 'SetSuspension', accountId: '1', suspended: true, at }, state)).toThrow('Record not found');
    expect(() => accountDecider.decide({ type: 'ChangeRole', accountId: '1', role: 'admin' }, state)).toThrow('Record not found');
  });
  it('records verified fields only against the profile they were checked on', () => {
    const sealed = (data: string) => ({ sealed: 'aes-256-gcm/v1' as const, subject: '1', iv: data, tag: 't', data });
    const updated = accountDecider.decide({ type: 'UpdateProfile', accountId: '1', profile: sealed('p1'), at }, registered);
    const state = updated.reduce(accountDecider.evolve, registered);
    const verify = { type: 'VerifyFields' as const, accountId: '1', fields: [sealed('f1')], at };
    expect(accountDecider.decide({ ...verify, profileUpdatedAt: at.toISOString() }, state)).toEqual([
      { type: 'AccountFieldVerified', data: { accountId: '1', field: sealed('f1'), verifiedAt: at.toISOString() } },
    ]);
    // a check of an older profile (or of none) changes nothing
    expect(accountDecider.decide({ ...verify, profileUpdatedAt: '2026-01-15T00:00:00.000Z' }, state)).toEqual([]);
    expect(accountDecider.decide({ ...verify, profileUpdatedAt: at.toISOString() }, registered)).toEqual([]);
  });
});
