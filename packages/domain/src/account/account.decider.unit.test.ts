import { describe, expect, it } from 'vitest';
import { ValidationError, foldEvents } from '@strata/kernel';
import { accountDecider, usernameDecider, type RegisterAccount } from './account.decider.ts';

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
