import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '@strata/kernel';
import { revokeQuote, setQuotePolicy } from '@strata/commands';
import { QuotePolicy } from '@strata/contracts';
import { body, query } from '@strata/http';
import { presentStatus, presentStatuses } from '@strata/presenters';
import { quotesCollection, statusesCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { visibleStatus } from '../statuses/status-lookup.ts';

const policyParams = z.object({ quote_approval_policy: QuotePolicy });

/** Quotes of one's own statuses: listing them, revoking one, and who may quote a status. */
export function quoteRoutes(deps: ApiDeps): Router {
  const router = Router();
  /** A status of the caller's own (404 if they may not see it, 403 if it is someone else's). */
  const ownStatus = async (req: Request, res: Response) => {
    const status = await visibleStatus(deps, res, req.params['id']);
    if (status.accountId !== userOf(res) || status.reblogOfId) throw new ForbiddenError();
    return status;
  };

  router.get('/api/v1/statuses/:id/quotes', requireScope('read:statuses'), async (req, res) => {
    const status = await ownStatus(req, res);
    const page = pageQuery(query(req, pageParams), 'id');
    const store = await deps.readModels();
    const quotes = await quotesCollection(store).find({ ...page, where: { ...page.where, quotedStatusId: status.id, state: 'accepted' } });
    const docs = await statusesCollection(store).getMany(page.order(quotes, (q) => q.id).map((q) => q.id));
    setLinkHeader(req, res, deps.config.publicUrl, docs.map((doc) => doc.id));
    res.json(await presentStatuses(deps, status.accountId, docs));
  });

  router.post('/api/v1/statuses/:id/quotes/:quoting_status_id/revoke', requireScope('write:statuses'), async (req, res) => {
    const status = await ownStatus(req, res);
    const quotingId = req.params['quoting_status_id'];
    const quote = typeof quotingId === 'string' && /^\d{1,20}$/.test(quotingId) ? await quotesCollection(await deps.readModels()).get(quotingId) : null;
    if (!quote || quote.quotedStatusId !== status.id) throw new NotFoundError();
    const result = await revokeQuote(await commandDeps(deps), { statusId: quote.id, byAccountId: status.accountId }, metadataOf(res));
    await awaitProjection(deps, result);
    const quoting = await statusesCollection(await deps.readModels()).get(quote.id);
    const [entity] = quoting ? await presentStatuses(deps, status.accountId, [quoting]) : [];
    // the quoting status may be one its quoted author cannot read (a followers-only post): the revocation stands
    res.json(entity ?? { id: quote.id, quote: { state: 'revoked', quoted_status: null } });
  });

  router.put('/api/v1/statuses/:id/interaction_policy', requireScope('write:statuses'), async (req, res) => {
    const status = await ownStatus(req, res);
    const { quote_approval_policy } = body(req, policyParams);
    const result = await setQuotePolicy(await commandDeps(deps), { statusId: status.id, accountId: status.accountId, quotePolicy: quote_approval_policy }, metadataOf(res));
    await awaitProjection(deps, result);
    res.json(await presentStatus(deps, status.accountId, (await statusesCollection(await deps.readModels()).get(status.id))!));
  });
  return router;
}
