import type { AccountDoc, ReportDoc } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { presentAccount } from './account.presenter.ts';

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

/** Mastodon's Report entity, as its reporter and the admin.report notification show it. */
export function presentReport(deps: PresenterDeps, report: ReportDoc, target: AccountDoc) {
  return {
    ...reportFields(report),
    status_ids: report.statusIds,
    rule_ids: report.ruleIds,
    target_account: presentAccount(deps.config, deps.media, target),
  };
}
