import { type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { handleReport } from '@strata/commands';
import { query } from '@strata/http';
import type { Filter } from '@strata/read-models';
import { reportsCollection } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { presentAdminReports } from './admin-report.presenter.ts';
import { requireStaff } from './staff-gate.ts';

const id = z.string().regex(/^\d{1,20}$/);
const listParams = pageParams.extend({
  resolved: formBoolean.default(false),
  account_id: id.optional(),
  target_account_id: id.optional(),
});

/** Mastodon's admin reports: list, show, assign, resolve, reopen; every change an event with the moderator as actor. */
export function adminReportRoutes(deps: ApiDeps): Router {
  const router = Router();
  const read = requireStaff(deps, 'admin:read:reports');
  const write = requireStaff(deps, 'admin:write:reports');
  const reportOf = async (value: unknown) => {
    const parsed = id.safeParse(value);
    const report = parsed.success ? await reportsCollection(await deps.readModels()).get(parsed.data) : null;
    if (!report) throw new NotFoundError();
    return report;
  };
  const show = async (res: Response, reportId: string) => {
    const [entity] = await presentAdminReports(deps, userOf(res), [await reportOf(reportId)]);
    if (!entity) throw new NotFoundError();
    res.json(entity);
  };

  router.get('/api/v1/admin/reports', ...read, async (req, res) => {
    const params = query(req, listParams);
    const page = pageQuery(params, 'id', 200);
    const where: Filter = { ...page.where, resolved: params.resolved };
    if (params.account_id) where['accountId'] = params.account_id;
    if (params.target_account_id) where['targetAccountId'] = params.target_account_id;
    const docs = page.order(await reportsCollection(await deps.readModels()).find({ where, sort: page.sort, limit: page.limit }), (r) => r.id);
    const entities = await presentAdminReports(deps, userOf(res), docs);
    setLinkHeader(req, res, deps.config.publicUrl, docs.map((r) => r.id));
    res.json(entities);
  });

  router.get('/api/v1/admin/reports/:id', ...read, async (req, res) => show(res, (await reportOf(req.params.id)).id));

  const change = (path: string, command: (reportId: string, me: string) => Parameters<typeof handleReport>[1]) =>
    router.post(`/api/v1/admin/reports/:id/${path}`, ...write, async (req, res) => {
      const report = await reportOf(req.params.id);
      const me = userOf(res);
      const result = await handleReport(await commandDeps(deps), command(report.id, me), metadataOf(res));
      await awaitProjection(deps, result);
      await show(res, report.id);
    });
  change('assign_to_self', (reportId, me) => ({ type: 'AssignReport', reportId, assigneeId: me }));
  change('unassign', (reportId) => ({ type: 'AssignReport', reportId, assigneeId: null }));
  change('resolve', (reportId, me) => ({ type: 'SetReportResolution', reportId, resolved: true, byAccountId: me }));
  change('reopen', (reportId, me) => ({ type: 'SetReportResolution', reportId, resolved: false, byAccountId: me }));
  return router;
}
