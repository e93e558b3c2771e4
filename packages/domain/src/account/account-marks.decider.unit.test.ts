import { describe, expect, it } from 'vitest';
import { type Decider, type DomainEvent, foldEvents } from '@strata/kernel';
import { accountNoteDecider, endorsementDecider, suggestionDismissalDecider } from './account-marks.decider.ts';
import { featuredTagDecider } from './featured-tag.decider.ts';

const at = new Date('2026-11-01T00:00:00Z');
/** The events a sequence of commands appends, each decided on the state the earlier ones left. */
function run<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  for (const command of commands) events.push(...decider.decide(command, foldEvents(decider, events)));
  return events;
}
const sealed = { sealed: 'aes-256-gcm/v1', subject: '1', iv: 'aa', tag: 'bb', data: 'cc' } as never;

describe('account mark deciders', () => {
  it('switches an endorsement only when it changes', () => {
    const endorse = (endorsed: boolean) => ({ type: 'SetEndorsement' as const, accountId: '1', targetId: '2', endorsed, at });
    expect(run(endorsementDecider, [endorse(false)])).toEqual([]);
    expect(run(endorsementDecider, [endorse(true), endorse(true), endorse(false)]).map((e) => e.data.endorsed)).toEqual([true, false]);
  });

  it('sets notes, and clearing no note appends nothing', () => {
    const note = (value: typeof sealed | null) => ({ type: 'SetAccountNote' as const, accountId: '1', targetId: '2', note: value, at });
    expect(run(accountNoteDecider, [note(null)])).toEqual([]);
    expect(run(accountNoteDecider, [note(sealed), note(sealed), note(null), note(null)]).map((e) => e.data.note)).toEqual([sealed, sealed, null]);
  });

  it('dismisses a suggestion once', () => {
    const dismiss = { type: 'DismissSuggestion' as const, accountId: '1', targetId: '2', at };
    expect(run(suggestionDismissalDecider, [dismiss, dismiss])).toHaveLength(1);
  });

  it('keeps a featured tag\'s id while featured and names a new one when featured again', () => {
    const feature = (featured: boolean, newId: string) => ({ type: 'SetFeaturedTag' as const, accountId: '1', tag: 'cats', featured, newId, at });
    const events = run(featuredTagDecider, [feature(true, '10'), feature(true, '11'), feature(false, '12'), feature(true, '13')]);
    expect(events.map((e) => [e.data.featured, e.data.featuredTagId])).toEqual([[true, '10'], [false, '10'], [true, '13']]);
  });
});
