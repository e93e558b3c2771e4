import { describe, expect, it } from 'vitest';
import { NotFoundError, foldEvents } from '@strata/kernel';
import { type SignUpBlockEvent, signUpBlockDecider } from './sign-up-block.decider.ts';

const at = new Date('2026-11-23T12:00:00Z');
const fields = { kind: 'ip' as const, value: '203.0.113.0/24', severity: 'sign_up_block' as const, comment: '', expiresAt: null };
const added: SignUpBlockEvent[] = signUpBlockDecider.decide({ type: 'AddSignUpBlock', blockId: '1', ...fields, at }, signUpBlockDecider.initialState());
const state = (events: SignUpBlockEvent[]) => foldEvents(signUpBlockDecider, events);

describe('the sign-up block decider', () => {
  it('adds once; a block never added cannot change or go', () => {
    expect(added).toMatchObject([{ type: 'SignUpBlockAdded', data: { kind: 'ip', value: '203.0.113.0/24', expiresAt: null } }]);
    expect(signUpBlockDecider.decide({ type: 'AddSignUpBlock', blockId: '1', ...fields, at }, state(added))).toEqual([]);
    expect(() => signUpBlockDecider.decide({ type: 'RemoveSignUpBlock', blockId: '1', at }, signUpBlockDecider.initialState())).toThrow(NotFoundError);
  });

  it('keeps the kind on a change, and a removed block stays removed', () => {
    const changed = signUpBlockDecider.decide({ type: 'ChangeSignUpBlock', blockId: '1', ...fields, kind: 'email_domain', severity: 'no_access', at }, state(added));
    expect(changed).toMatchObject([{ type: 'SignUpBlockChanged', data: { kind: 'ip', severity: 'no_access' } }]);
    const removed = signUpBlockDecider.decide({ type: 'RemoveSignUpBlock', blockId: '1', at }, state(added));
    expect(removed).toMatchObject([{ type: 'SignUpBlockRemoved', data: { kind: 'ip' } }]);
    expect(() => signUpBlockDecider.decide({ type: 'ChangeSignUpBlock', blockId: '1', ...fields, at }, state([...added, ...removed]))).toThrow(NotFoundError);
    expect(signUpBlockDecider.decide({ type: 'AddSignUpBlock', blockId: '1', ...fields, at }, state([...added, ...removed]))).toEqual([]);
  });
});
