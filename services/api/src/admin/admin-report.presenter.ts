import { accountEmojis, presentStatuses, reportFields } from '@strata/presenters';
import { type ReportDoc, accountsCollection, instanceRules, statusesCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { presentAdminAccount } from './admin-account.presenter.ts';
import { presentRule } from '../presenters/instance.presenter.ts';

/** Mastodon's Admin::Report entities, with the accounts involved as Admin::Account. */
export async function presentAdminReports(deps: ApiDeps, moderatorId: string, reports: ReportDoc[]) {
  const store = await deps.readModels();
  const vault = await deps.vault();
  const accountIds = [...new Set(reports.flatMap((r) => [r.accountId, r.targetAccountId, r.assigneeId, r.actionTakenById].filter((id): id is string => Boolean(id))))];
  const accounts = new Map((await accountsCollection(store).getMany(accountIds)).map((a) => [a.id, a]));
  const credentials = new Map((await vault.credentials.getMany(accountIds)).map((c) => [c.id, c]));
  const emojis = await accountEmojis(store, [...accounts.values()]);
  const admin = (id: string | null) => {
    const account = id ? accounts.get(id) : undefined;
    return account ? presentAdminAccount(deps, account, credentials.get(account.id) ?? null, emojis) : null;
  };
  // the reported statuses as the moderator may read them (the policy still applies to staff)
  const statusDocs = await statusesCollection(store).getMany([...new Set(reports.flatMap((r) => r.statusIds))]);
  const statuses = new Map((await presentStatuses(deps, moderatorId, statusDocs)).map((s) => [s['id'] as string, s]));
  const rules = await instanceRules(store);
  return reports.flatMap((report) => {
    const account = admin(report.accountId);
    const target = admin(report.targetAccountId);
    if (!account || !target) return [];
    return [
      {
        ...reportFields(report),
        updated_at: report.updatedAt,
        account,
        target_account: target,
        assigned_account: admin(report.assigneeId),
        action_taken_by_account: admin(report.actionTakenById),
        statuses: report.statusIds.flatMap((id) => statuses.get(id) ?? []),
        rules: rules.filter((rule) => report.ruleIds.includes(rule.id)).map(presentRule),
      },
    ];
  });
}
