import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, foldEvents } from '@strata/kernel';
import { type FilterCommand, filterDecider } from './filter.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const create: FilterCommand = {
  type: 'CreateFilter', filterId: '1', accountId: '7', title: 'Spoilers', context: ['home'], action: 'warn', expiresAt: null, at,
  keywords: [{ keywordId: '10', keyword: 'dragon', wholeWord: true }],
};
const created = () => foldEvents(filterDecider, filterDecider.decide(create, filterDecider.initialState()));

describe('filterDecider', () => {
  it('creates a filter with its keywords once', () => {
    expect(filterDecider.decide(create, filterDecider.initialState()).map((e) => e.type)).toEqual(['FilterCreated', 'FilterKeywordAdded']);
    expect(filterDecider.decide(create, created())).toEqual([]);
  });

  it('lets only its owner change it, and only keywords and statuses it has', () => {
    const change = (changes: Partial<Extract<FilterCommand, { type: 'ChangeFilter' }>>) => filterDecider.decide({ type: 'ChangeFilter', filterId: '1', accountId: '7', ...changes }, created());
    expect(() => change({ accountId: '8', settings: { title: 'x' } })).toThrow(NotFoundError);
    expect(() => change({ removeKeywordIds: ['11'] })).toThrow(NotFoundError);
    expect(change({ settings: { action: 'hide' }, updateKeywords: [{ keywordId: '10', wholeWord: false }] })).toEqual([
      { type: 'FilterUpdated', data: { filterId: '1', title: 'Spoilers', context: ['home'], action: 'hide', expiresAt: null } },
      { type: 'FilterKeywordUpdated', data: { filterId: '1', keywordId: '10', keyword: 'dragon', wholeWord: false } },
    ]);
    expect(() => change({ addStatuses: [{ filterStatusId: '20', statusId: '5' }, { filterStatusId: '21', statusId: '5' }] })).toThrow(ValidationError);
  });

  it('refuses every change once deleted', () => {
    const events = [...filterDecider.decide(create, filterDecider.initialState()), ...filterDecider.decide({ type: 'DeleteFilter', filterId: '1', accountId: '7', at }, created())];
    const deleted = foldEvents(filterDecider, events);
    expect(() => filterDecider.decide({ type: 'DeleteFilter', filterId: '1', accountId: '7', at }, deleted)).toThrow(NotFoundError);
  });
});
