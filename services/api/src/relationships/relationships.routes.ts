import { type Response, Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { blockAccount, changeFollow, followAccount, muteAccount, unblockAccount, unmuteAccount } from '@strata/commands';
import { body, query } from '@strata/http';
import { type AccountDoc, accountsCollection, shownAccount } from '@strata/views';
import { formBoolean } from '../accounts/params.ts';
import { requireScope, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { presentRelationship } from './relationship.presenter.ts';

const followParams = z.object({
  reblogs: formBoolean.optional(),
  notify: formBoolean.optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).optional(),
});
const muteParams = z.object({
  notifications: formBoolean.default(true),
  duration: z.coerce.number().int().min(0).max(31_536_000).default(0),
});
const relationshipsParams = z.object({
  id: z.union([z.string(), z.array(z.string()).max(40)]).transform((v) => (Array.isArray(v) ? v : [v])),
});
const accountId = z.string().regex(/^\d{1,20}$/);

/** Follow, unfollow, block, mute and the Relationship entities that show them. */
export function relationshipRoutes(deps: ApiDeps): Router {
  const router = Router();
  const activeUser = requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation);
  const other = async (id: unknown): Promise<AccountDoc> => {
    const account = await shownAccount(await deps.readModels(), id);
    if (!account) throw new NotFoundError();
    return account;
  };
  const relationship = async (res: Response, otherId: string) =>
    res.json(await presentRelationship(await deps.readModels(), userOf(res), otherId, deps.clock.now()));

  router.post('/api/v1/accounts/:id/follow', requireScope('write:follows'), activeUser, async (req, res) => {
    const target = await other(req.params.id);
    const params = body(req, followParams);
    const options = {
      ...(params.reblogs !== undefined && { reblogs: params.reblogs }),
      ...(params.notify !== undefined && { notify: params.notify }),
      ...(params.languages !== undefined && { languages: params.languages.length ? params.languages : null }),
    };
    const followerId = userOf(res);
    // a remote account answers with Accept: until then the follow is a request, as in Mastodon
    const result = await followAccount(await commandDeps(deps), { followerId, followedId: target.id, locked: target.locked || Boolean(target.remote), options }, metadataOf(res));
    await awaitProjection(deps, result);
    await relationship(res, target.id);
  });

  const followChange = (path: string, action: 'Unfollow' | 'RemoveFollower', reverse: boolean) =>
    router.post(`/api/v1/accounts/:id/${path}`, requireScope('write:follows'), async (req, res) => {
      const target = await other(req.params.id);
      const me = userOf(res);
      const pair = reverse ? { followerId: target.id, followedId: me } : { followerId: me, followedId: target.id };
      const result = await changeFollow(await commandDeps(deps), action, pair, metadataOf(res));
      await awaitProjection(deps, result);
      await relationship(res, target.id);
    });
  followChange('unfollow', 'Unfollow', false);
  followChange('remove_from_followers', 'RemoveFollower', true);

  router.post('/api/v1/accounts/:id/block', requireScope('write:blocks'), async (req, res) => {
    const target = await other(req.params.id);
    const me = userOf(res);
    const { block, ended } = await blockAccount(await commandDeps(deps), { accountId: me, targetId: target.id }, metadataOf(res));
    await awaitProjection(deps, block, ...ended);
    await relationship(res, target.id);
  });

  router.post('/api/v1/accounts/:id/unblock', requireScope('write:blocks'), async (req, res) => {
    const target = await other(req.params.id);
    const me = userOf(res);
    const result = await unblockAccount(await commandDeps(deps), { accountId: me, targetId: target.id }, metadataOf(res));
    await awaitProjection(deps, result);
    await relationship(res, target.id);
  });

  router.post('/api/v1/accounts/:id/mute', requireScope('write:mutes'), async (req, res) => {
    const target = await other(req.params.id);
    const me = userOf(res);
    const params = body(req, muteParams);
    const result = await muteAccount(await commandDeps(deps), { accountId: me, targetId: target.id, notifications: params.notifications, durationSeconds: params.duration }, metadataOf(res));
    await awaitProjection(deps, result);
    await relationship(res, target.id);
  });

  router.post('/api/v1/accounts/:id/unmute', requireScope('write:mutes'), async (req, res) => {
    const target = await other(req.params.id);
    const me = userOf(res);
    const result = await unmuteAccount(await commandDeps(deps), { accountId: me, targetId: target.id }, metadataOf(res));
    await awaitProjection(deps, result);
    await relationship(res, target.id);
  });

  router.get('/api/v1/accounts/relationships', requireScope('read:follows'), async (req, res) => {
    const { id } = query(req, relationshipsParams);
    const store = await deps.readModels();
    const me = userOf(res);
    const known = await accountsCollection(store).getMany(id.filter((value) => accountId.safeParse(value).success));
    res.json(await Promise.all(known.map((account) => presentRelationship(store, me, account.id, deps.clock.now()))));
  });
  return router;
}
