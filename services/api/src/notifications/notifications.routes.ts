import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { dismissNotifications, setMarkers } from '@strata/commands';
import { body, query } from '@strata/http';
import type { Filter, ReadModelStore } from '@strata/read-models';
import { type NotificationDoc, loadViewer, markersCollection, mutesCollection, notificationsCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { presentNotifications, visibleNotifications } from '@strata/presenters';
import { formBoolean } from '../accounts/params.ts';

const TYPES = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'update', 'admin.report', 'poll', 'quote', 'quoted_update'] as const;
const typeList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
export const notificationParams = pageParams.extend({
  types: typeList.optional(),
  exclude_types: typeList.optional(),
  account_id: z.string().regex(/^\d{1,20}$/).optional(),
  /** Also the notifications the policy set aside as requests (how a client opens one request). */
  include_filtered: formBoolean.optional(),
});
const markerParams = z.object({
  home: z.object({ last_read_id: z.string().regex(/^\d{1,20}$/) }).optional(),
  notifications: z.object({ last_read_id: z.string().regex(/^\d{1,20}$/) }).optional(),
});
const markerQuery = z.object({ timeline: z.union([z.string(), z.array(z.string())]).optional() });

/**
 * Accounts whose notifications the viewer does not get: those the visibility policy hides
 * from them (blocked either way, suspended), and those muted with their notifications.
 */
export async function silencedAccounts(store: ReadModelStore, viewer: string, now: Date) {
  const [relations, muted] = await Promise.all([loadViewer(store, viewer, now), mutesCollection(store).find({ where: { accountId: viewer, notifications: true } })]);
  const live = muted.filter((m) => !m.expiresAt || Date.parse(m.expiresAt) > now.getTime());
  return [...relations.blocked, ...relations.unavailable, ...live.map((m) => m.targetId)];
}

export function notificationFilter(viewer: string, params: z.infer<typeof notificationParams>, silenced: string[]): Filter {
  const types = (params.types ?? [...TYPES]).filter((t) => !(params.exclude_types ?? []).includes(t));
  const filter: Filter = { accountId: viewer, type: { $in: types } };
  // asking for one account's notifications never reaches past a block or a mute
  if (params.account_id) filter['fromAccountId'] = silenced.includes(params.account_id) ? { $in: [] } : params.account_id;
  else if (silenced.length) filter['fromAccountId'] = { $nin: silenced };
  return filter;
}

/** One page of the viewer's notifications, filtered as asked, with its Link header set (v1 and v2). */
export async function notificationPage(deps: ApiDeps, req: Request, res: Response, viewer: string, params: z.infer<typeof notificationParams>) {
  const store = await deps.readModels();
  const page = pageQuery(params, 'id', 80);
  const filter = notificationFilter(viewer, params, await silencedAccounts(store, viewer, deps.clock.now()));
  const docs = page.order(await notificationsCollection(store).find({ where: { ...filter, ...page.where }, sort: page.sort, limit: page.limit }), (d) => d.id);
  setLinkHeader(req, res, deps.config.publicUrl, docs.map((d) => d.id));
  return docs;
}

/** Notifications (v1), their unread count, dismissal, and the read markers. */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.get('/api/v1/notifications', requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const params = query(req, notificationParams);
    const docs = await notificationPage(deps, req, res, viewer, params);
    res.json(await presentNotifications(deps, viewer, docs, params.include_filtered ? 'all' : 'main'));
  });

  router.get('/api/v1/notifications/unread_count', requireScope('read:notifications'), async (_req, res) => {
    const viewer = userOf(res);
    const store = await deps.readModels();
    const marker = await markersCollection(store).get(`${viewer}:notifications`);
    const filter = notificationFilter(viewer, notificationParams.parse({}), await silencedAccounts(store, viewer, deps.clock.now()));
    const unread = await notificationsCollection(store).find({ where: { ...filter, ...(marker && { id: { $gt: marker.lastReadId } }) }, sort: { field: 'id', direction: 'desc' }, limit: 1000 });
    // counted as listed: a notification about a status the viewer may no longer see does not count
    res.json({ count: (await visibleNotifications(deps, viewer, unread)).docs.length });
  });

  router.get('/api/v1/notifications/:id', requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const store = await deps.readModels();
    // by id exactly as in the list: what the list leaves out (blocked, muted) is not found
    const filter = notificationFilter(viewer, notificationParams.parse({}), await silencedAccounts(store, viewer, deps.clock.now()));
    const [doc] = await notificationsCollection(store).find({ where: { ...filter, id: String(req.params.id) }, limit: 1 });
    if (!doc) throw new NotFoundError();
    // by id also a notification set aside as a request: its recipient opens it from there
    const [entity] = await presentNotifications(deps, viewer, [doc as NotificationDoc], 'all');
    if (!entity) throw new NotFoundError();
    res.json(entity);
  });

  router.post('/api/v1/notifications/clear', requireScope('write:notifications'), async (_req, res) => {
    const viewer = userOf(res);
    const result = await dismissNotifications(await commandDeps(deps), { accountId: viewer }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json({});
  });

  router.post('/api/v1/notifications/:id/dismiss', requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const doc = await notificationsCollection(await deps.readModels()).get(String(req.params.id));
    if (!doc || doc.accountId !== viewer) throw new NotFoundError();
    const result = await dismissNotifications(await commandDeps(deps), { accountId: viewer, notificationIds: [doc.id] }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json({});
  });

  router.get('/api/v1/markers', requireScope('read:statuses'), async (req, res) => {
    const viewer = userOf(res);
    const { timeline } = query(req, markerQuery);
    const wanted = timeline === undefined ? ['home', 'notifications'] : Array.isArray(timeline) ? timeline : [timeline];
    const markers = await markersCollection(await deps.readModels()).find({ where: { accountId: viewer } });
    res.json(Object.fromEntries(markers.filter((m) => wanted.includes(m.timeline)).map((m) => [m.timeline, { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt }])));
  });

  router.post('/api/v1/markers', requireScope('write:statuses'), async (req, res) => {
    const viewer = userOf(res);
    const params = body(req, markerParams);
    const changes = (['home', 'notifications'] as const).flatMap((timeline) => (params[timeline] ? [{ timeline, lastReadId: params[timeline].last_read_id }] : []));
    if (changes.length) {
      const result = await setMarkers(await commandDeps(deps), viewer, changes, metadataOf(res));
      await awaitProjection(deps, result);
    }
    const markers = await markersCollection(await deps.readModels()).find({ where: { accountId: viewer } });
    res.json(Object.fromEntries(markers.map((m) => [m.timeline, { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt }])));
  });
  return router;
}
