import { Router } from 'express';
import { type StatusDoc, loadViewer, showInFeed, statusesCollection, withAuthorsOf } from '@strata/views';
import { callerOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentStatuses } from '@strata/presenters';
import { visibleStatus } from './status-lookup.ts';

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 60;

/** GET /api/v1/statuses/:id/context: the thread around a status, as far as the caller may see it. */
export function contextRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/v1/statuses/:id/context', async (req, res) => {
    const status = await visibleStatus(deps, res, req.params.id);
    const viewer = callerOf(res)?.accountId ?? null;
    const store = await deps.readModels();
    const statuses = statusesCollection(store);
    let relations = await loadViewer(store, viewer, deps.clock.now());
    // a thread leaves out what the viewer may not see and, as Mastodon does, what they muted
    const shown = async (doc: StatusDoc) => {
      relations = await withAuthorsOf(store, relations, [doc]);
      return showInFeed(relations, doc);
    };

    const ancestors: StatusDoc[] = [];
    for (let parentId = status.inReplyToId; parentId && ancestors.length < MAX_ANCESTORS; ) {
      const parent = await statuses.get(parentId);
      if (!parent) break;
      if (await shown(parent)) ancestors.unshift(parent);
      parentId = parent.inReplyToId;
    }

    const descendants: StatusDoc[] = [];
    const queue = [status.id];
    while (queue.length && descendants.length < MAX_DESCENDANTS) {
      const replies = await statuses.find({ where: { inReplyToId: queue.shift()! }, sort: { field: 'id', direction: 'asc' } });
      for (const reply of replies) {
        if (!(await shown(reply))) continue;
        descendants.push(reply);
        queue.push(reply.id);
      }
    }
    res.json({ ancestors: await presentStatuses(deps, relations, ancestors, { filterContext: 'thread' }), descendants: await presentStatuses(deps, relations, descendants, { filterContext: 'thread' }) });
  });
  return router;
}
