import { type Response, Router } from 'express';
import { NotFoundError } from '@strata/kernel';
import { changeConversation } from '@strata/commands';
import { query } from '@strata/http';
import { presentConversations } from '@strata/presenters';
import { type ConversationDoc, conversationKey, conversationsCollection } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, pageQuery, setLinkHeader } from '../http/pagination.ts';
import { idParam } from '../filters/filter-params.ts';

/** Direct-message conversations of the caller: listed newest first, marked read, removed. */
export function conversationRoutes(deps: ApiDeps): Router {
  const router = Router();
  const own = async (res: Response, id: unknown): Promise<ConversationDoc> => {
    const parsed = idParam.safeParse(id);
    const doc = parsed.success ? await conversationsCollection(await deps.readModels()).get(conversationKey(userOf(res), parsed.data)) : null;
    if (!doc || doc.removed) throw new NotFoundError();
    return doc;
  };

  router.get('/api/v1/conversations', requireScope('read:statuses'), async (req, res) => {
    const viewer = userOf(res);
    const page = pageQuery(query(req, pageParams), 'lastStatusId');
    const docs = await conversationsCollection(await deps.readModels()).find({ where: { ...page.where, accountId: viewer, removed: false }, sort: page.sort, limit: page.limit });
    const ordered = page.order(docs, (d) => d.lastStatusId);
    setLinkHeader(req, res, deps.config.publicUrl, ordered.map((d) => d.lastStatusId));
    res.json(await presentConversations(deps, viewer, ordered));
  });

  router.post('/api/v1/conversations/:id/read', requireScope('write:conversations'), async (req, res) => {
    const doc = await own(res, req.params.id);
    await awaitProjection(deps, await changeConversation(await commandDeps(deps), { type: 'MarkConversationRead', accountId: doc.accountId, conversationId: doc.conversationId }, metadataOf(res)));
    const [entity] = await presentConversations(deps, doc.accountId, [{ ...doc, unread: false }]);
    if (!entity) throw new NotFoundError();
    res.json(entity);
  });

  router.delete('/api/v1/conversations/:id', requireScope('write:conversations'), async (req, res) => {
    const doc = await own(res, req.params.id);
    await awaitProjection(deps, await changeConversation(await commandDeps(deps), { type: 'RemoveConversation', accountId: doc.accountId, conversationId: doc.conversationId }, metadataOf(res)));
    res.json({});
  });
  return router;
}
