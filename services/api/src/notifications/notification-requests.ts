import { compareIds } from '@strata/kernel';
import { type NotificationDoc, notificationsCollection } from '@strata/views';
import { visibleNotifications } from '@strata/presenters';
import type { ApiDeps } from '../http/deps.ts';

/** How far back requests are gathered: the newest notifications a policy could have held back. */
const SCANNED = 2000;
const FILTERABLE = ['mention', 'reblog', 'follow', 'follow_request', 'favourite'];

/**
 * The viewer's pending notification requests: the notifications its policy sets aside,
 * one request per sender (the request's id is the sender's account id), newest first.
 */
export async function pendingRequests(deps: ApiDeps, viewer: string): Promise<Map<string, NotificationDoc[]>> {
  const recent = await notificationsCollection(await deps.readModels()).find({
    where: { accountId: viewer, type: { $in: FILTERABLE } },
    sort: { field: 'id', direction: 'desc' },
    limit: SCANNED,
  });
  const { docs } = await visibleNotifications(deps, viewer, recent, 'requests');
  const requests = new Map<string, NotificationDoc[]>();
  for (const doc of docs) requests.set(doc.fromAccountId, [...(requests.get(doc.fromAccountId) ?? []), doc]);
  return new Map([...requests.entries()].sort(([a], [b]) => compareIds(b, a)));
}

export async function requestSummary(deps: ApiDeps, viewer: string) {
  const requests = await pendingRequests(deps, viewer);
  return {
    pending_requests_count: requests.size,
    pending_notifications_count: [...requests.values()].reduce((sum, docs) => sum + docs.length, 0),
  };
}
