import type { ReportDoc } from '@strata/views';
import type { presentAccount } from './account.presenter.ts';

/** What the Report and Admin::Report entities share. */
export function reportFields(report: ReportDoc) {
  return {
    id: report.id,
    action_taken: report.resolved,
    action_taken_at: report.actionTakenAt,
    category: report.category,
    comment: report.comment,
    forwarded: report.forward,
    created_at: report.createdAt,
  };
}

/** Mastodon's Report entity, as its reporter and the admin.report notification show it; `target` is the reported account, already rendered. */
export function presentReport(report: ReportDoc, target: ReturnType<typeof presentAccount>) {
  return {
    ...reportFields(report),
    status_ids: report.statusIds,
    rule_ids: report.ruleIds,
    target_account: target,
  };
}
