import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { dismissNotifications } from '@strata/commands';
import { query } from '@strata/http';
import { type NotificationDoc, accountsCollection, notificationsCollection, shownAccounts, statusesCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentAccounts } from '@strata/presenters';
import { presentStatuses, visibleNotifications } from '@strata/presenters';
import { notificationFilter, notificationPage, notificationParams, silencedAccounts } from './notifications.routes.ts';

const groupedParams = notificationParams.extend({
  grouped_types: z.union([z.string(), z.array(z.string())]).optional(),
  expand_accounts: z.enum(['full', 'partial_avatars']).optional(),
});
const SAMPLE_ACCOUNTS = 8;

/** Folds a page of notifications into Mastodon's groups, newest group first. */
function groupsOf(docs: NotificationDoc[]) {
  const groups = new Map<string, NotificationDoc[]>();
  for (const doc of docs) groups.set(doc.groupKey, [...(groups.get(doc.groupKey) ?? []), doc]);
  return [...groups.entries()].map(([groupKey, members]) => ({
    group_key: groupKey,
    notifications_count: members.length,
    type: members[0]!.type,
    most_recent_notification_id: members[0]!.id,
    page_min_id: members.at(-1)!.id,
    page_max_id: members[0]!.id,
    latest_page_notification_at: members[0]!.createdAt,
    sample_account_ids: [...new Set(members.map((m) => m.fromAccountId))].slice(0, SAMPLE_ACCOUNTS),
    status_id: members[0]!.statusId,
  }));
}

/** Grouped notifications (API v2): favourites and boosts of one status fold together. */
export function groupedNotificationRoutes(deps: ApiDeps): Router {
  const router = Router();

  const render = async (viewer: string, all: NotificationDoc[]) => {
    const store = await deps.readModels();
    const { docs, relations } = await visibleNotifications(deps, viewer, all);
    const statusDocs = await statusesCollection(store).getMany([...new Set(docs.flatMap((d) => (d.statusId ? [d.statusId] : [])))]);
    const statuses = await presentStatuses(deps, relations, statusDocs, { filterContext: 'notifications' });
    // a notification whose status the viewer's filters hide goes with it, as in v1
    const shown = new Set(statuses.map((s) => s['id'] as string));
    const groups = groupsOf(docs.filter((d) => !d.statusId || shown.has(d.statusId)));
    const accounts = await accountsCollection(store).getMany([...new Set(groups.flatMap((g) => g.sample_account_ids))]);
    return {
      accounts: await presentAccounts(deps, accounts),
      statuses,
      notification_groups: groups,
    };
  };

  router.get('/api/v2/notifications', requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const docs = await notificationPage(deps, req, res, viewer, query(req, groupedParams));
    res.json(await render(viewer, docs));
  });

  router.get('/api/v2/notifications/unread_count', requireScope('read:notifications'), async (_req, res) => {
    const viewer = userOf(res);
    const store = await deps.readModels();
    const filter = notificationFilter(viewer, notificationParams.parse({}), await silencedAccounts(store, viewer, deps.clock.now()));
    const all = await notificationsCollection(store).find({ where: filter, sort: { field: 'id', direction: 'desc' }, limit: 1000 });
    const { docs } = await visibleNotifications(deps, viewer, all);
    res.json({ count: new Set(docs.map((d) => d.groupKey)).size });
  });

  const groupDocs = async (viewer: string, groupKey: string) => {
    const store = await deps.readModels();
    const filter = notificationFilter(viewer, notificationParams.parse({}), await silencedAccounts(store, viewer, deps.clock.now()));
    const docs = await notificationsCollection(store).find({ where: { ...filter, groupKey }, sort: { field: 'id', direction: 'desc' } });
    if (docs.length === 0) throw new NotFoundError();
    return docs;
  };

  router.get('/api/v2/notifications/:group_key', requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    res.json(await render(viewer, await groupDocs(viewer, String(req.params.group_key))));
  });

  router.get('/api/v2/notifications/:group_key/accounts', requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const { docs } = await visibleNotifications(deps, viewer, await groupDocs(viewer, String(req.params.group_key)));
    const accounts = await shownAccounts(await deps.readModels(), [...new Set(docs.map((d) => d.fromAccountId))]);
    res.json(await presentAccounts(deps, accounts));
  });

  router.post('/api/v2/notifications/:group_key/dismiss', requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const groupKey = String(req.params.group_key);
    await groupDocs(viewer, groupKey);
    const result = await dismissNotifications(await commandDeps(deps), { accountId: viewer, groupKeys: [groupKey] }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json({});
  });
  return router;
}
