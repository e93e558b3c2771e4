import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import { statusDecider } from './status.decider.ts';
import { reblogDecider, toggleDecider } from './status-toggles.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const sealed = { sealed: 'aes-256-gcm/v1' as const, subject: '1', iv: '', tag: '', data: '' };
const post = {
  type: 'PostStatus' as const,
  statusId: '5',
  accountId: '1',
  visibility: 'public' as const,
  inReplyToId: null,
  inReplyToAccountId: null,
  sensitive: false,
  language: null,
  mentionedAccountIds: [],
  content: sealed,
  applicationId: null,
  mediaIds: [],
  at,
};

describe('statusDecider', () => {
  const posted = foldEvents(statusDecider, statusDecider.decide(post, statusDecider.initialState()));

  it('lets only the author edit or delete, and nothing after deletion', () => {
    const edit = { type: 'EditStatus' as const, statusId: '5', sensitive: false, language: null, mentionedAccountIds: [], content: sealed, mediaIds: [], at };
    expect(() => statusDecider.decide({ ...edit, accountId: '2' }, posted)).toThrow('not allowed');
    expect(statusDecider.decide({ ...edit, accountId: '1' }, posted)[0]!.type).toBe('StatusEdited');
    const deleted = statusDecider.evolve(posted, statusDecider.decide({ type: 'DeleteStatus', statusId: '5', accountId: '1', keepMedia: false, at }, posted)[0]!);
    expect(() => statusDecider.decide({ ...edit, accountId: '1' }, deleted)).toThrow('Record not found');
  });

  it('keeps the attachments of an edit that names none, and records keeping them on a redraft', () => {
    const withMedia = foldEvents(statusDecider, statusDecider.decide({ ...post, mediaIds: ['7', '8'] }, statusDecider.initialState()));
    const edit = { type: 'EditStatus' as const, statusId: '5', accountId: '1', sensitive: false, language: null, mentionedAccountIds: [], content: sealed, at };
    expect(statusDecider.decide(edit, withMedia)[0]!.data).toMatchObject({ mediaIds: ['7', '8'] });
    expect(statusDecider.decide({ ...edit, mediaIds: ['8'] }, withMedia)[0]!.data).toMatchObject({ mediaIds: ['8'] });
    expect(statusDecider.decide({ type: 'DeleteStatus', statusId: '5', accountId: '1', keepMedia: true, at }, withMedia)[0]!.data).toMatchObject({ keepMedia: true });
  });

  it('never posts the same status twice', () => {
    expect(statusDecider.decide(post, posted)).toEqual([]);
  });
});

describe('boost and toggle deciders', () => {
  it('boosts once and unboosts the same boost', () => {
    const reblog = { type: 'Reblog' as const, reblogId: '9', accountId: '2', statusId: '5', statusAccountId: '1', visibility: 'public' as const, at };
    const state = foldEvents(reblogDecider, reblogDecider.decide(reblog, reblogDecider.initialState()));
    expect(reblogDecider.decide({ ...reblog, reblogId: '10' }, state)).toEqual([]);
    expect(reblogDecider.decide({ type: 'Unreblog', accountId: '2', statusId: '5', at }, state)[0]!.data).toMatchObject({ reblogId: '9' });
  });

  it('switches a favourite on and off idempotently', () => {
    const toggle = { type: 'Toggle' as const, kind: 'favourite' as const, accountId: '2', statusId: '5', statusAccountId: '1', toggleId: '3', at };
    const on = foldEvents(toggleDecider, toggleDecider.decide({ ...toggle, on: true }, toggleDecider.initialState()));
    expect(toggleDecider.decide({ ...toggle, on: true }, on)).toEqual([]);
    expect(toggleDecider.decide({ ...toggle, on: false }, on)).toHaveLength(1);
  });
});
