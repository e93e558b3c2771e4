import { type NotificationDoc, notificationOutcomes, reportsCollection, type ViewerRelations, accountsCollection, canSeeAccount, canView, loadViewer, statusesCollection, withAuthorsOf } from '@strata/views';
import type { PresenterDeps } from './deps.ts';
import { accountEmojis, presentAccount } from './account.presenter.ts';
import { presentStatuses } from './status.presenter.ts';
import { presentReport } from './report.presenter.ts';

/** Which notifications: the main list, those the notification policy set aside as requests, or both (`include_filtered`). */
export type NotificationPart = 'main' | 'requests' | 'all';

/**
 * The notifications the visibility policy lets their recipient see: from an account they
 * may see, about a status (if any) they may still see — a former follower loses the
 * `status` notifications of private posts, a blocked account those of its blocker, a
 * server the recipient hid all of its accounts' notifications.
 */
export async function visibleNotifications(
  deps: PresenterDeps,
  viewer: string,
  docs: NotificationDoc[],
  /** The recipient's notification policy sets some aside as requests: shown apart (`requests`), never in the main list. */
  part: NotificationPart = 'main',
): Promise<{ docs: NotificationDoc[]; relations: ViewerRelations }> {
  const store = await deps.readModels();
  const statuses = await statusesCollection(store).getMany([...new Set(docs.flatMap((d) => (d.statusId ? [d.statusId] : [])))]);
  const relations = await withAuthorsOf(store, await loadViewer(store, viewer, new Date()), statuses);
  const visible = new Set(statuses.filter((s) => canView(relations, s)).map((s) => s.id));
  const seen = docs.filter((doc) => canSeeAccount(relations, doc.fromAccountId) && !relations.domainBlocked.has(doc.fromAccountId) && (!doc.statusId || visible.has(doc.statusId)));
  const outcomes = await notificationOutcomes(store, { ...relations, viewerId: viewer }, seen, new Map(statuses.map((s) => [s.id, s])));
  const wanted = part === 'main' ? ['accept'] : part === 'requests' ? ['filter'] : ['accept', 'filter'];
  return { relations, docs: seen.filter((doc) => wanted.includes(outcomes.get(doc.id)!)) };
}

/** Mastodon's Notification entities for their recipient; ones whose status or account is gone or hidden are dropped. */
export async function presentNotifications(deps: PresenterDeps, viewer: string, all: NotificationDoc[], part: NotificationPart = 'main') {
  const store = await deps.readModels();
  const { docs, relations } = await visibleNotifications(deps, viewer, all, part);
  const reports = new Map((await reportsCollection(store).getMany(docs.flatMap((d) => (d.reportId ? [d.reportId] : [])))).map((r) => [r.id, r]));
  const accountIds = [...docs.map((d) => d.fromAccountId), ...[...reports.values()].map((r) => r.targetAccountId)];
  const accounts = new Map((await accountsCollection(store).getMany([...new Set(accountIds)])).map((a) => [a.id, a]));
  const emojis = await accountEmojis(store, [...accounts.values()]);
  const statusDocs = await statusesCollection(store).getMany([...new Set(docs.flatMap((d) => (d.statusId ? [d.statusId] : [])))]);
  const statuses = new Map((await presentStatuses(deps, relations, statusDocs, { filterContext: 'notifications' })).map((s) => [s['id'] as string, s]));
  return docs.flatMap((doc) => {
    const account = accounts.get(doc.fromAccountId);
    const status = doc.statusId ? statuses.get(doc.statusId) : undefined;
    const report = doc.reportId ? reports.get(doc.reportId) : undefined;
    const reported = report && accounts.get(report.targetAccountId);
    if (!account || (doc.statusId && !status) || (doc.reportId && !reported)) return [];
    return [
      {
        id: doc.id,
        type: doc.type,
        group_key: doc.groupKey,
        created_at: doc.createdAt,
        account: presentAccount(deps.config, deps.media, account, null, emojis),
        ...(status && { status }),
        ...(report && reported && { report: presentReport(report, presentAccount(deps.config, deps.media, reported, null, emojis)) }),
      },
    ];
  });
}
