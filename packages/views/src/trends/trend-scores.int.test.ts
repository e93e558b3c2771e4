import { describe, expect, it } from 'vitest';
import { openSqliteReadModels } from '@strata/read-models';
import { HALF_LIFE_MS, countUse, topTrends } from './trend-scores.ts';

const at = (ms: number) => new Date(Date.parse('2026-11-23T00:00:00.000Z') + ms).toISOString();

describe('trend scores', () => {
  it('counts each account once a day and halves a score every half-life', async () => {
    const store = openSqliteReadModels({ path: ':memory:' });
    await countUse(store, 'tag', 'old', '1', at(0));
    await countUse(store, 'tag', 'old', '1', at(1000)); // the same account again: no more
    await countUse(store, 'tag', 'old', '2', at(0));
    await countUse(store, 'tag', 'new', '3', at(HALF_LIFE_MS.tag));
    const now = new Date(at(HALF_LIFE_MS.tag));
    const top = await topTrends(store, 'tag', now, ['pending'], 10, 0);
    // two accounts a half-life ago weigh as much as one now
    expect(Object.fromEntries(top.map((t) => [t.doc.key, Number(t.score.toFixed(3))]))).toEqual({ old: 1, new: 1 });
    // a use that arrives late (another stream's event) decays into the newer score instead of resetting it
    await countUse(store, 'tag', 'new', '4', at(0));
    const [first] = await topTrends(store, 'tag', now, ['pending'], 1, 0);
    expect(first!.doc.key).toBe('new');
    expect(first!.score).toBeCloseTo(1.5, 3);
    expect(await topTrends(store, 'tag', now, ['approved'], 10, 0)).toEqual([]);
  });
});
