import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { setAccountNote, setEndorsement } from '@strata/commands';
import { body, query } from '@strata/http';
import { type AccountDoc, canSeeAccount, endorsementsCollection, isFollowing, loadViewer, shownAccount } from '@strata/views';
import { callerOf, requireScope, userOf } from '../../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../../http/command-context.ts';
import type { ApiDeps } from '../../http/deps.ts';
import { pageParams, pageQuery } from '../../http/pagination.ts';
import { presentRelationship } from '../../relationships/relationship.presenter.ts';
import { listAccounts } from '../../statuses/status-actions.routes.ts';

const noteParams = z.object({ comment: z.string().default('') });
const NOTE_LIMIT = 2000;

/** Endorsements (accounts featured on a profile) and private notes, both shown in the Relationship. */
export function endorsementRoutes(deps: ApiDeps): Router {
  const router = Router();
  /** The other account, when the caller may see it at all (a block hides it as a missing one). */
  const visibleTo = async (viewerId: string | null, id: unknown): Promise<AccountDoc> => {
    const store = await deps.readModels();
    const account = await shownAccount(store, id);
    if (!account || !canSeeAccount(await loadViewer(store, viewerId, deps.clock.now()), account.id)) throw new NotFoundError();
    return account;
  };
  const relationship = async (res: Response, otherId: string) =>
    res.json(await presentRelationship(await deps.readModels(), userOf(res), otherId, deps.clock.now()));

  // pin/unpin are the older names of the same calls, still used by clients
  for (const [path, endorsed] of [['endorse', true], ['unendorse', false], ['pin', true], ['unpin', false]] as const) {
    router.post(`/api/v1/accounts/:id/${path}`, requireScope('write:accounts'), async (req, res) => {
      const me = userOf(res);
      const target = await visibleTo(me, req.params.id);
      // as in Mastodon, only an account one follows may be featured
      if (endorsed && (target.id === me || !(await isFollowing(await deps.readModels(), me, target.id)))) {
        throw new ValidationError('Validation failed: You must be already following the person you want to endorse');
      }
      const result = await setEndorsement(await commandDeps(deps), { accountId: me, targetId: target.id, endorsed }, metadataOf(res));
      await awaitProjection(deps, result);
      await relationship(res, target.id);
    });
  }

  router.post('/api/v1/accounts/:id/note', requireScope('write:accounts'), async (req, res) => {
    const me = userOf(res);
    const target = await visibleTo(me, req.params.id);
    const { comment } = body(req, noteParams);
    if (comment.length > NOTE_LIMIT) throw new ValidationError('Validation failed: Comment is too long (maximum is 2000 characters)');
    const result = await setAccountNote(await commandDeps(deps), { accountId: me, targetId: target.id, comment }, metadataOf(res));
    await awaitProjection(deps, result);
    await relationship(res, target.id);
  });

  const endorsedBy = async (req: Request, res: Response, ownerId: string) => {
    const store = await deps.readModels();
    const page = pageQuery(query(req, pageParams), 'pageId', 80);
    const rows = await endorsementsCollection(store).find({ where: { ...page.where, accountId: ownerId }, sort: page.sort, limit: page.limit });
    const viewer = await loadViewer(store, callerOf(res)?.accountId ?? null, deps.clock.now());
    const visible = page.order(rows, (r) => r.pageId).filter((r) => canSeeAccount(viewer, r.targetId));
    await listAccounts(deps, req, res, visible, (r) => r.targetId, (r) => r.pageId);
  };

  router.get('/api/v1/endorsements', requireScope('read:accounts'), async (req, res) => endorsedBy(req, res, userOf(res)));
  router.get('/api/v1/accounts/:id/endorsements', async (req, res) => {
    const owner = await visibleTo(callerOf(res)?.accountId ?? null, req.params.id);
    await endorsedBy(req, res, owner.id);
  });
  return router;
}
