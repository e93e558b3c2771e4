import { describe, expect, it } from 'vitest';
import { NotFoundError, foldEvents } from '@strata/kernel';
import { type ReportEvent, reportDecider } from './report.decider.ts';

const at = new Date('2026-11-23T12:00:00Z');
const filed: ReportEvent[] = reportDecider.decide(
  { type: 'FileReport', reportId: '1', accountId: '2', targetAccountId: '3', statusIds: [], comment: '', category: 'other', ruleIds: [], forward: false, at },
  reportDecider.initialState(),
);
const state = (events: ReportEvent[]) => foldEvents(reportDecider, events);

describe('the report decider', () => {
  it('files once, and nothing can be done to a report never filed', () => {
    expect(filed.map((e) => e.type)).toEqual(['ReportFiled']);
    expect(() => reportDecider.decide({ type: 'AssignReport', reportId: '1', assigneeId: '4', at }, reportDecider.initialState())).toThrow(NotFoundError);
  });

  it('resolves, reopens and assigns, and repeating a step changes nothing', () => {
    const resolved = reportDecider.decide({ type: 'SetReportResolution', reportId: '1', resolved: true, byAccountId: '4', at }, state(filed));
    expect(resolved).toMatchObject([{ type: 'ReportResolutionChanged', data: { resolved: true, byAccountId: '4' } }]);
    expect(reportDecider.decide({ type: 'SetReportResolution', reportId: '1', resolved: true, byAccountId: '4', at }, state([...filed, ...resolved]))).toEqual([]);
    const assigned = reportDecider.decide({ type: 'AssignReport', reportId: '1', assigneeId: '4', at }, state(filed));
    expect(reportDecider.decide({ type: 'AssignReport', reportId: '1', assigneeId: '4', at }, state([...filed, ...assigned]))).toEqual([]);
  });
});
