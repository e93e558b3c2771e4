import { describe, expect, it } from 'vitest';
import { NotFoundError, foldEvents } from '@strata/kernel';
import { annualReportDecider } from './annual-report.decider.ts';

const at = new Date('2026-12-20T10:00:00Z');
const data = { archetype: 'oracle' as const, time_series: [], top_hashtags: [{ name: 'strata', count: 2 }], top_statuses: { by_reblogs: null, by_favourites: '1', by_replies: null } };

describe('annualReportDecider', () => {
  it('generates a report once per account and year, and reads it once', () => {
    const generate = { type: 'GenerateAnnualReport' as const, accountId: '5', year: 2026, data, at };
    const generated = annualReportDecider.decide(generate, annualReportDecider.initialState());
    expect(generated).toEqual([{ type: 'AnnualReportGenerated', data: { accountId: '5', year: 2026, data, generatedAt: at.toISOString() } }]);
    const state = foldEvents(annualReportDecider, generated);
    expect(annualReportDecider.decide(generate, state)).toEqual([]);
    const read = annualReportDecider.decide({ type: 'ReadAnnualReport', accountId: '5', year: 2026, at }, state);
    expect(read.map((e) => e.type)).toEqual(['AnnualReportRead']);
    expect(annualReportDecider.decide({ type: 'ReadAnnualReport', accountId: '5', year: 2026, at }, foldEvents(annualReportDecider, [...generated, ...read]))).toEqual([]);
  });

  it('refuses to read a report that was never generated', () => {
    expect(() => annualReportDecider.decide({ type: 'ReadAnnualReport', accountId: '5', year: 2026, at }, annualReportDecider.initialState())).toThrow(NotFoundError);
  });
});
