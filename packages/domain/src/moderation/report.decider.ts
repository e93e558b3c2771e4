import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import type { EventOf, ReportAssigned, ReportCategory, ReportFiled, ReportResolutionChanged } from '@strata/contracts';

export type ReportEvent = EventOf<typeof ReportFiled> | EventOf<typeof ReportAssigned> | EventOf<typeof ReportResolutionChanged>;

export type ReportCommand =
  | {
      type: 'FileReport';
      reportId: string;
      accountId: string;
      targetAccountId: string;
      statusIds: string[];
      comment: string;
      category: ReportCategory;
      ruleIds: string[];
      forward: boolean;
      at: Date;
    }
  | { type: 'AssignReport'; reportId: string; assigneeId: string | null; at: Date }
  | { type: 'SetReportResolution'; reportId: string; resolved: boolean; byAccountId: string; at: Date };

export type ReportState = { filed: false } | { filed: true; assigneeId: string | null; resolved: boolean };

/** A report's life: filed once, then assigned, resolved and reopened; repeating a step changes nothing. */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: () => ({ filed: false }),
  evolve(state, event) {
    if (event.type === 'ReportFiled') return { filed: true, assigneeId: null, resolved: false };
    if (!state.filed) return state;
    if (event.type === 'ReportAssigned') return { ...state, assigneeId: event.data.assigneeId };
    return { ...state, resolved: event.data.resolved };
  },
  decide(command, state) {
    if (command.type === 'FileReport') {
      if (state.filed) throw new ValidationError('Report already filed');
      const { at, type: _type, ...data } = command;
      return [{ type: 'ReportFiled', data: { ...data, at: at.toISOString() } }];
    }
    if (!state.filed) throw new NotFoundError();
    const at = command.at.toISOString();
    if (command.type === 'AssignReport') {
      return state.assigneeId === command.assigneeId ? [] : [{ type: 'ReportAssigned', data: { reportId: command.reportId, assigneeId: command.assigneeId, at } }];
    }
    return state.resolved === command.resolved
      ? []
      : [{ type: 'ReportResolutionChanged', data: { reportId: command.reportId, resolved: command.resolved, byAccountId: command.byAccountId, at } }];
  },
};
