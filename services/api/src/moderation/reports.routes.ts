import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { ReportCategory } from '@strata/contracts';
import { fileReport } from '@strata/commands';
import { body } from '@strata/http';
import { presentOneAccount, presentReport } from '@strata/presenters';
import { instanceRules, loadViewer, canView, reportsCollection, shownAccount, statusesCollection, withAuthorsOf } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';

const ids = (max: number) => z.union([z.string(), z.array(z.string()).max(max)]).transform((v) => (Array.isArray(v) ? v : [v]));
const reportParams = z.object({
  account_id: z.string().regex(/^\d{1,20}$/),
  status_ids: ids(100).pipe(z.array(z.string().regex(/^\d{1,20}$/))).default([]),
  comment: z.string().max(1000).default(''),
  category: ReportCategory.optional(),
  rule_ids: ids(50).pipe(z.array(z.string().regex(/^\d{1,20}$/))).default([]),
  forward: formBoolean.default(false),
});

/** Reporting an account (and some of its statuses) to the moderators. */
export function reportRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.post('/api/v1/reports', requireScope('write:reports'), async (req, res) => {
    const me = userOf(res);
    const params = body(req, reportParams);
    const store = await deps.readModels();
    const target = await shownAccount(store, params.account_id);
    if (!target) throw new NotFoundError();
    if (target.id === me) throw new ValidationError('You cannot report yourself');
    // only statuses of that account which the reporter may read: nothing else can be pointed at
    const statuses = await statusesCollection(store).getMany([...new Set(params.status_ids)]);
    const relations = await withAuthorsOf(store, await loadViewer(store, me, deps.clock.now()), statuses);
    const valid = statuses.filter((status) => status.accountId === target.id && canView(relations, status));
    if (valid.length !== new Set(params.status_ids).size) throw new NotFoundError();
    const category = params.category ?? (params.rule_ids.length ? 'violation' : 'other');
    if (params.rule_ids.length && category !== 'violation') throw new ValidationError('Rules apply to the violation category only');
    const inForce = new Set((await instanceRules(store)).map((rule) => rule.id));
    if (!params.rule_ids.every((id) => inForce.has(id))) throw new ValidationError('Unknown rule');
    const input = { accountId: me, targetAccountId: target.id, statusIds: valid.map((s) => s.id), comment: params.comment, category, ruleIds: params.rule_ids, forward: params.forward };
    const result = await fileReport(await commandDeps(deps), input, metadataOf(res));
    await awaitProjection(deps, result);
    const report = await reportsCollection(store).get(result.reportId);
    if (!report) throw new NotFoundError();
    res.json(presentReport(report, await presentOneAccount(deps, target)));
  });
  return router;
}
