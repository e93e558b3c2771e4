import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@strata/kernel';
import { setFeaturedTag } from '@strata/commands';
import { body } from '@strata/http';
import { type AccountDoc, PUBLICLY_COUNTED, canSeeAccount, featuredTagsCollection, loadViewer, shownAccount, statusesCollection } from '@strata/views';
import { callerOf, requireScope, userOf } from '../../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../../http/command-context.ts';
import type { ApiDeps } from '../../http/deps.ts';
import { presentTag } from '../../search/tags.routes.ts';

const tagName = z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u);
const featureParams = z.object({ name: z.string().transform((n) => n.replace(/^#/, '')) });
/** Mastodon's limit on featured tags per account. */
const MAX_FEATURED = 10;

/** Hashtags featured on a profile: the owner's list, adding, removing, suggestions, and anyone's view of them. */
export function featuredTagRoutes(deps: ApiDeps): Router {
  const router = Router();
  const present = async (account: AccountDoc, featured: { id: string; tag: string }) => {
    // counted as public counters count: public and unlisted statuses, not boosts
    const where = { accountId: account.id, tags: featured.tag, reblogOfId: null, visibility: { $in: PUBLICLY_COUNTED } };
    const statuses = statusesCollection(await deps.readModels());
    const [count, [last]] = await Promise.all([statuses.count(where), statuses.find({ where, sort: { field: 'id', direction: 'desc' }, limit: 1 })]);
    const url = `${deps.config.publicUrl}/@${account.username}/tagged/${encodeURIComponent(featured.tag)}`;
    return { id: featured.id, name: featured.tag, url, statuses_count: count, last_status_at: last ? last.createdAt.slice(0, 10) : null };
  };
  const featuredOf = async (account: AccountDoc) => {
    const rows = await featuredTagsCollection(await deps.readModels()).find({ where: { accountId: account.id }, sort: { field: 'id', direction: 'asc' } });
    return Promise.all(rows.map((row) => present(account, row)));
  };
  const me = async (userId: string) => {
    const account = await shownAccount(await deps.readModels(), userId);
    if (!account) throw new NotFoundError();
    return account;
  };
  const feature = async (userId: string, tag: string, featured: boolean, metadata: ReturnType<typeof metadataOf>) => {
    const store = await deps.readModels();
    if (featured && !(await featuredTagsCollection(store).find({ where: { accountId: userId, tag }, limit: 1 })).length) {
      if ((await featuredTagsCollection(store).count({ accountId: userId })) >= MAX_FEATURED) {
        throw new ValidationError(`Validation failed: You cannot feature more than ${MAX_FEATURED} hashtags`);
      }
    }
    await awaitProjection(deps, await setFeaturedTag(await commandDeps(deps), { accountId: userId, tag, featured }, metadata));
  };

  router.get('/api/v1/featured_tags', requireScope('read:accounts'), async (_req, res) => {
    res.json(await featuredOf(await me(userOf(res))));
  });

  router.post('/api/v1/featured_tags', requireScope('write:accounts'), async (req, res) => {
    const parsed = tagName.safeParse(body(req, featureParams).name);
    if (!parsed.success) throw new ValidationError('Validation failed: Tag is invalid');
    const tag = parsed.data.toLowerCase();
    await feature(userOf(res), tag, true, metadataOf(res));
    const row = (await featuredTagsCollection(await deps.readModels()).find({ where: { accountId: userOf(res), tag }, limit: 1 }))[0];
    if (!row) throw new NotFoundError();
    res.json(await present(await me(userOf(res)), row));
  });

  router.delete('/api/v1/featured_tags/:id', requireScope('write:accounts'), async (req, res) => {
    const row = typeof req.params.id === 'string' ? await featuredTagsCollection(await deps.readModels()).get(req.params.id) : null;
    if (!row || row.accountId !== userOf(res)) throw new NotFoundError();
    await feature(userOf(res), row.tag, false, metadataOf(res));
    res.json({});
  });

  // the tags the caller used most in its latest statuses and has not featured yet
  router.get('/api/v1/featured_tags/suggestions', requireScope('read:accounts'), async (_req, res) => {
    const store = await deps.readModels();
    const mine = userOf(res);
    const [recent, featured] = await Promise.all([
      statusesCollection(store).find({ where: { accountId: mine, reblogOfId: null }, sort: { field: 'id', direction: 'desc' }, limit: 200 }),
      featuredTagsCollection(store).find({ where: { accountId: mine } }),
    ]);
    const taken = new Set(featured.map((f) => f.tag));
    const uses = new Map<string, number>();
    for (const tag of recent.flatMap((s) => s.tags)) if (!taken.has(tag)) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    const top = [...uses.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
    res.json(await Promise.all(top.map(async ([tag]) => ({ ...(await presentTag(deps, store, tag, mine)), featuring: false }))));
  });

  for (const [path, featured] of [['feature', true], ['unfeature', false]] as const) {
    router.post(`/api/v1/tags/:name/${path}`, requireScope('write:accounts'), async (req, res) => {
      const parsed = tagName.safeParse(req.params.name);
      if (!parsed.success) throw new NotFoundError();
      const tag = parsed.data.toLowerCase();
      await feature(userOf(res), tag, featured, metadataOf(res));
      res.json({ ...(await presentTag(deps, await deps.readModels(), tag, userOf(res))), featuring: featured });
    });
  }

  router.get('/api/v1/accounts/:id/featured_tags', async (req, res) => {
    const store = await deps.readModels();
    const account = await shownAccount(store, req.params.id);
    if (!account || !canSeeAccount(await loadViewer(store, callerOf(res)?.accountId ?? null, deps.clock.now()), account.id)) throw new NotFoundError();
    res.json(await featuredOf(account));
  });
  return router;
}
