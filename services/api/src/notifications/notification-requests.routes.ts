import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { acceptNotificationRequests, dismissNotifications } from '@strata/commands';
import { body, query } from '@strata/http';
import { type NotificationDoc, accountsCollection } from '@strata/views';
import { presentNotifications, presentOneAccount } from '@strata/presenters';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, setLinkHeader } from '../http/pagination.ts';
import { pendingRequests } from './notification-requests.ts';

/** `id[]` in forms and JSON alike (the form parser turns `id[]` into `id`). */
const ids = z.object({ id: z.union([z.string().regex(/^\d{1,20}$/), z.array(z.string().regex(/^\d{1,20}$/)).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])) });

/** Notification requests: what the notification policy set aside, one per sender; accepted or dismissed by their recipient. */
export function notificationRequestRoutes(deps: ApiDeps): Router {
  const router = Router();
  const base = '/api/v1/notifications/requests';

  const present = async (viewer: string, senderId: string, docs: NotificationDoc[]) => {
    const account = await accountsCollection(await deps.readModels()).get(senderId);
    if (!account) return undefined;
    const newestWithStatus = docs.find((d) => d.statusId);
    const [withStatus] = newestWithStatus ? await presentNotifications(deps, viewer, [newestWithStatus], 'requests') : [];
    return {
      id: senderId,
      created_at: docs.at(-1)!.createdAt,
      updated_at: docs[0]!.createdAt,
      account: await presentOneAccount(deps, account),
      notifications_count: String(docs.length),
      last_status: (withStatus as { status?: unknown } | undefined)?.status ?? null,
    };
  };
  const one = async (viewer: string, senderId: string) => {
    const docs = (await pendingRequests(deps, viewer)).get(senderId);
    if (!docs) throw new NotFoundError();
    return docs;
  };
  const accept = async (viewer: string, senders: string[], res: Parameters<typeof metadataOf>[0]) =>
    awaitProjection(deps, await acceptNotificationRequests(await commandDeps(deps), viewer, senders, metadataOf(res)));
  const dismiss = async (viewer: string, docs: NotificationDoc[], res: Parameters<typeof metadataOf>[0]) => {
    if (docs.length === 0) return;
    await awaitProjection(deps, await dismissNotifications(await commandDeps(deps), { accountId: viewer, notificationIds: docs.map((d) => d.id) }, metadataOf(res)));
  };

  router.get(base, requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const params = query(req, pageParams);
    const limit = Math.min(params.limit === 20 ? 40 : params.limit, 80);
    const all = [...(await pendingRequests(deps, viewer)).entries()].filter(([sender]) =>
      (!params.max_id || BigInt(sender) < BigInt(params.max_id)) && (!(params.min_id ?? params.since_id) || BigInt(sender) > BigInt((params.min_id ?? params.since_id)!)));
    const page = all.slice(0, limit);
    setLinkHeader(req, res, deps.config.publicUrl, page.map(([sender]) => sender));
    res.json((await Promise.all(page.map(([sender, docs]) => present(viewer, sender, docs)))).filter(Boolean));
  });

  router.get(`${base}/merged`, requireScope('read:notifications'), (_req, res) => {
    userOf(res);
    // accepting is done once its answer is sent (read-your-writes): nothing is ever left to merge
    res.json({ merged: true });
  });

  router.post(`${base}/accept`, requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const pending = await pendingRequests(deps, viewer);
    await accept(viewer, body(req, ids).id.filter((id) => pending.has(id)), res);
    res.json({});
  });

  router.post(`${base}/dismiss`, requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const pending = await pendingRequests(deps, viewer);
    await dismiss(viewer, body(req, ids).id.flatMap((id) => pending.get(id) ?? []), res);
    res.json({});
  });

  router.get(`${base}/:id`, requireScope('read:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const senderId = String(req.params.id);
    const entity = await present(viewer, senderId, await one(viewer, senderId));
    if (!entity) throw new NotFoundError();
    res.json(entity);
  });

  router.post(`${base}/:id/accept`, requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    const senderId = String(req.params.id);
    await one(viewer, senderId);
    await accept(viewer, [senderId], res);
    res.json({});
  });

  router.post(`${base}/:id/dismiss`, requireScope('write:notifications'), async (req, res) => {
    const viewer = userOf(res);
    await dismiss(viewer, await one(viewer, String(req.params.id)), res);
    res.json({});
  });
  return router;
}
