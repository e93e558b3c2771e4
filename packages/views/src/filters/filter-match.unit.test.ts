import { describe, expect, it } from 'vitest';
import type { StatusDoc } from '../statuses/statuses.collection.ts';
import type { FilterDoc } from './filters.collection.ts';
import { keywordPattern, matchFilters } from './filter-match.ts';

const filter = (keywords: FilterDoc['keywords'], statuses: FilterDoc['statuses'] = []): FilterDoc =>
  ({ id: '1', accountId: '9', title: 't', context: ['home'], action: 'warn', expiresAt: null, keywords, statuses });
const status = (contentHtml: string, spoilerText = '', accountId = '5') => ({ id: '100', accountId, contentHtml, spoilerText }) as StatusDoc;

describe('filter matching', () => {
  it('matches whole words only where the keyword begins or ends with a word character', () => {
    expect(keywordPattern('cat', true).test('a Cat!')).toBe(true);
    expect(keywordPattern('cat', true).test('concatenate')).toBe(false);
    expect(keywordPattern('cat', false).test('concatenate')).toBe(true);
    expect(keywordPattern('#tag', true).test('x#tag y')).toBe(true);
    expect(keywordPattern('c++', true).test('I like c++.')).toBe(true);
  });

  it('looks at the content warning and the text without markup, not at the viewer’s own posts', () => {
    const f = filter([{ id: 'k', keyword: 'spoiler', wholeWord: true }]);
    expect(matchFilters([f], status('<p>fine</p>', 'Spoiler ahead'), '9')).toMatchObject([{ keywordMatches: ['spoiler'], statusMatches: null }]);
    expect(matchFilters([f], status('<p><a href="https://x/spoiler">link</a></p>'), '9')).toEqual([]);
    expect(matchFilters([f], status('<p>spoiler</p>', '', '9'), '9')).toEqual([]);
  });

  it('matches a filtered status by id', () => {
    expect(matchFilters([filter([], [{ id: 's', statusId: '100' }])], status('<p>x</p>'), '9')).toMatchObject([{ keywordMatches: null, statusMatches: ['100'] }]);
  });
});
