import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { setTagFollow } from '@strata/commands';
import { query } from '@strata/http';
import type { ReadModelStore } from '@strata/read-models';
import { PUBLICLY_COUNTED, excludingSuspended, statusesCollection, tagFollowsCollection } from '@strata/views';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { commandDeps, metadataOf, awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams } from '../http/pagination.ts';

const tagName = z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u);
const DAY_MS = 86_400_000;

/** Mastodon's Tag entity, with a week of daily use and whether the viewer follows it. */
export async function presentTag(deps: ApiDeps, store: ReadModelStore, name: string, viewer: string | null) {
  const now = deps.clock.now().getTime();
  const today = now - (now % DAY_MS);
  // uses by suspended accounts do not count, as their statuses are not shown
  const shownAuthors = await excludingSuspended(store);
  const history = await Promise.all(
    Array.from({ length: 7 }, async (_, day) => {
      const from = new Date(today - day * DAY_MS).toISOString();
      const to = new Date(today - (day - 1) * DAY_MS).toISOString();
      const uses = await statusesCollection(store).find({ where: { tags: name, createdAt: { $gte: from, $lt: to }, reblogOfId: null, visibility: { $in: PUBLICLY_COUNTED }, ...shownAuthors } });
      return { day: String((today - day * DAY_MS) / 1000), uses: String(uses.length), accounts: String(new Set(uses.map((u) => u.accountId)).size) };
    }),
  );
  const following = viewer ? Boolean(await tagFollowsCollection(store).get(`${viewer}:${name}`)) : undefined;
  return { name, url: `${deps.config.publicUrl}/tags/${encodeURIComponent(name)}`, history, ...(following !== undefined && { following }) };
}

/** Tags: look one up, follow and unfollow it, list the followed ones. */
export function tagRoutes(deps: ApiDeps): Router {
  const router = Router();
  const nameOf = (value: unknown) => {
    const parsed = tagName.safeParse(value);
    if (!parsed.success) throw new NotFoundError();
    return parsed.data.toLowerCase();
  };

  router.get('/api/v1/tags/:name', async (req, res) => {
    const name = nameOf(req.params.name);
    res.json(await presentTag(deps, await deps.readModels(), name, callerOf(res)?.accountId ?? null));
  });

  for (const [path, following] of [['follow', true], ['unfollow', false]] as const) {
    router.post(`/api/v1/tags/:name/${path}`, requireScope('write:follows'), async (req, res) => {
      const name = nameOf(req.params.name);
      const viewer = userOf(res);
      const result = await setTagFollow(await commandDeps(deps), { accountId: viewer, tag: name, following }, metadataOf(res));
      await awaitProjection(deps, result);
      res.json(await presentTag(deps, await deps.readModels(), name, viewer));
    });
  }

  router.get('/api/v1/followed_tags', requireScope('read:follows'), async (req, res) => {
    const viewer = userOf(res);
    const { limit } = query(req, pageParams);
    const store = await deps.readModels();
    const follows = await tagFollowsCollection(store).find({ where: { accountId: viewer }, sort: { field: 'tag', direction: 'asc' }, limit: Math.min(limit, 200) });
    res.json(await Promise.all(follows.map((f) => presentTag(deps, store, f.tag, viewer))));
  });
  return router;
}

