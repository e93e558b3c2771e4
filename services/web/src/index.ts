import { type Request, type Response, Router } from 'express';
import { solidPng } from '@strata/http';
import type { Clock } from '@strata/kernel';
import { presentOneAccount, type PresenterDeps } from '@strata/presenters';
import { instanceRules, instanceStats } from '@strata/views';
import { aboutPage, explorePage, landingPage, statusPage, tagPage } from './content-pages.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { asksForActivityPub, htmlOnly } from './negotiation.ts';
import { profilePage } from './profile-page.ts';
import { PUBLIC_CSS } from './public-css.ts';
import { publicAccount, publicPins, publicStatuses, publicTaggedStatuses, publicThread, publicTrends } from './public-reads.ts';
import { rssFeed } from './rss.ts';
import { webAppRoutes } from './web-app.routes.ts';

export interface WebDeps extends PresenterDeps {
  clock: Clock;
}

const TAG = /^[\p{L}\p{N}_]{1,100}$/u;

/** The public, server-rendered pages (profiles, posts, hashtags, about, landing) and their RSS feeds. */
export function createWebRouter(deps: WebDeps): Router {
  const router = Router();
  const { publicUrl } = deps.config;
  // no-cache: a deleted post or a suspended account must not live on in a shared cache
  const send = (res: Response, body: string, status = 200) => void res.status(status).type('html').setHeader('Cache-Control', 'no-cache').send(body);
  const notFound = (res: Response) =>
    void res.status(404).type('html').send(layout(deps.config, { title: 'Not found', url: `${publicUrl}/` }, html`<h1>Not found</h1><p>This page does not exist or is not public.</p>`));
  const sendRss = (res: Response, body: string) => void res.type('application/rss+xml; charset=utf-8').setHeader('Cache-Control', 'no-cache').send(body);
  const maxIdOf = (req: Request) => (typeof req.query['max_id'] === 'string' ? req.query['max_id'] : null);

  router.use(webAppRoutes());

  const icon = solidPng(32, 32, [0x4b, 0x4c, 0xd8]);
  router.get('/favicon.ico', (_req, res) => void res.type('image/png').setHeader('Cache-Control', 'public, max-age=86400').send(icon));

  router.get('/assets/strata-public.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600').send(PUBLIC_CSS);
  });

  router.get('/', htmlOnly, async (_req, res) => {
    send(res, landingPage(deps, await publicStatuses(deps, { visibility: 'public', local: true, reblogOfId: null }, null, 20)));
  });

  router.get('/about', htmlOnly, async (_req, res) => {
    const store = await deps.readModels();
    send(res, aboutPage(deps, await instanceStats(store, deps.clock.now()), await instanceRules(store)));
  });

  router.get('/explore', htmlOnly, async (_req, res) => {
    send(res, explorePage(deps, await publicTrends(deps)));
  });

  router.get('/tags/:tag', async (req, res, next) => {
    const raw = String(req.params.tag);
    const rss = raw.endsWith('.rss');
    const tag = (rss ? raw.slice(0, -4) : raw).toLowerCase();
    if (!TAG.test(tag)) return notFound(res);
    const maxId = maxIdOf(req);
    if (rss) {
      const page = await publicTaggedStatuses(deps, tag, null, 20);
      const link = `${publicUrl}/tags/${encodeURIComponent(tag)}`;
      return sendRss(res, rssFeed({ title: `#${tag}`, link, self: `${link}.rss`, description: `Public posts tagged #${tag}` }, page.statuses));
    }
    if (asksForActivityPub(req, res)) return next();
    send(res, tagPage(deps, tag, await publicTaggedStatuses(deps, tag, maxId), !maxId));
  });

  router.get('/:handle', async (req, res, next) => {
    const handle = String(req.params.handle);
    if (!handle.startsWith('@')) return next();
    const rss = handle.endsWith('.rss');
    const account = await publicAccount(deps, handle.slice(1, rss ? -4 : undefined));
    if (rss) {
      if (!account) return notFound(res);
      // a feed carries original posts only, as Mastodon's does: no boosts, no replies
      const page = await publicStatuses(deps, { accountId: account.id, reblogOfId: null, inReplyToId: null }, null, 20);
      const entity = await presentOneAccount(deps, account);
      const feed = { title: entity.display_name || entity.username, link: entity.url, self: `${entity.url}.rss`, description: `Public posts from @${entity.username}@${deps.config.domain}`, image: entity.avatar };
      return sendRss(res, rssFeed(feed, page.statuses));
    }
    if (asksForActivityPub(req, res)) return next();
    if (!account) return notFound(res);
    const maxId = maxIdOf(req);
    const [pins, page] = await Promise.all([publicPins(deps, account.id), publicStatuses(deps, { accountId: account.id }, maxId)]);
    send(res, profilePage(deps, await presentOneAccount(deps, account), pins, page, !maxId));
  });

  router.get('/:handle/:id', async (req, res, next) => {
    const handle = String(req.params.handle);
    if (!handle.startsWith('@')) return next();
    if (asksForActivityPub(req, res)) return next();
    const account = await publicAccount(deps, handle.slice(1));
    if (req.params.id === 'media') {
      if (!account) return notFound(res);
      const maxId = maxIdOf(req);
      return send(res, profilePage(deps, await presentOneAccount(deps, account), [], await publicStatuses(deps, { accountId: account.id, hasMedia: true }, maxId), !maxId, 'media'));
    }
    const thread = account ? await publicThread(deps, account, String(req.params.id)) : null;
    if (!thread) return notFound(res);
    send(res, statusPage(deps, thread));
  });
  return router;
}
