import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { cancelScheduledStatus, rescheduleStatus } from '@strata/commands';
import { body, query } from '@strata/http';
import { type ScheduledStatusDoc, scheduledStatusesCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { checkScheduledAt } from './schedule-limits.ts';
import { presentScheduledStatuses } from './scheduled-status.presenter.ts';

const updateParams = z.object({ scheduled_at: z.string().max(100) });

/** The caller's scheduled statuses: listed, read, moved and cancelled by their owner only (404 to anyone else). */
export function scheduledStatusRoutes(deps: ApiDeps): Router {
  const router = Router();
  const own = async (req: Request, res: Response): Promise<ScheduledStatusDoc> => {
    const id = req.params['id'];
    const doc = typeof id === 'string' && /^\d{1,20}$/.test(id) ? await scheduledStatusesCollection(await deps.readModels()).get(id) : null;
    if (!doc || doc.accountId !== userOf(res)) throw new NotFoundError();
    return doc;
  };
  const presentOne = async (doc: ScheduledStatusDoc) => (await presentScheduledStatuses(deps, [doc]))[0];

  router.get('/api/v1/scheduled_statuses', requireScope('read:statuses'), async (req, res) => {
    const page = pageQuery(query(req, pageParams), 'id');
    const docs = await scheduledStatusesCollection(await deps.readModels()).find({ ...page, where: { ...page.where, accountId: userOf(res) } });
    const ordered = page.order(docs, (doc) => doc.id);
    setLinkHeader(req, res, deps.config.publicUrl, ordered.map((doc) => doc.id));
    res.json(await presentScheduledStatuses(deps, ordered));
  });

  router.get('/api/v1/scheduled_statuses/:id', requireScope('read:statuses'), async (req, res) => {
    res.json(await presentOne(await own(req, res)));
  });

  router.put('/api/v1/scheduled_statuses/:id', requireScope('write:statuses'), async (req, res) => {
    const doc = await own(req, res);
    const { scheduled_at } = body(req, updateParams);
    const scheduledAt = await checkScheduledAt(deps, doc.accountId, scheduled_at, doc.id);
    if (!scheduledAt) throw new ValidationError('Validation failed: Scheduled at The scheduled date must be in the future');
    const result = await rescheduleStatus(await commandDeps(deps), { scheduledId: doc.id, accountId: doc.accountId, scheduledAt }, metadataOf(res));
    await awaitProjection(deps, result);
    const after = await scheduledStatusesCollection(await deps.readModels()).get(doc.id);
    if (!after) throw new NotFoundError();
    res.json(await presentOne(after));
  });

  router.delete('/api/v1/scheduled_statuses/:id', requireScope('write:statuses'), async (req, res) => {
    const doc = await own(req, res);
    const result = await cancelScheduledStatus(await commandDeps(deps), { scheduledId: doc.id, accountId: doc.accountId }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json({});
  });
  return router;
}
