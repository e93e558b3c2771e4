import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@strata/kernel';
import { query } from '@strata/http';
import { presentStatuses } from '@strata/presenters';
import { SafeHtml, html } from '@strata/text';
import { statusesCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';

const oembedParams = z.object({
  url: z.string().max(2000),
  maxwidth: z.coerce.number().int().min(1).max(10_000).optional(),
  maxheight: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.literal('json').optional(),
});

/** `/@user/:id` or `/users/user/statuses/:id` on this server: the status id and its author's username. */
function localStatusOf(publicUrl: string, raw: string): { username: string; id: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== new URL(publicUrl).origin) return null;
  const match = /^\/@([^/@]+)\/(\d{1,20})\/?$/.exec(url.pathname) ?? /^\/users\/([^/]+)\/statuses\/(\d{1,20})\/?$/.exec(url.pathname);
  return match ? { username: decodeURIComponent(match[1]!).toLowerCase(), id: match[2]! } : null;
}

/**
 * oEmbed for a status of this server that anyone may read (public or unlisted, as an
 * anonymous reader sees it through the visibility policy); anything else is 404.
 */
export function oembedRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/oembed', async (req, res) => {
    const params = query(req, oembedParams);
    const target = localStatusOf(deps.config.publicUrl, params.url);
    const doc = target ? await statusesCollection(await deps.readModels()).get(target.id) : null;
    const [status] = doc && !doc.reblogOfId ? await presentStatuses(deps, null, [doc]) : [];
    const account = status?.['account'] as { username: string; acct: string; display_name: string; url: string } | undefined;
    if (!status || !account || account.username.toLowerCase() !== target!.username) throw new NotFoundError();
    const url = status['url'] as string;
    const width = Math.min(params.maxwidth ?? 400, 400);
    const name = account.display_name || account.username;
    const body = html`<blockquote class="strata-embed" cite="${url}" style="max-width: ${width}px">${new SafeHtml(status['content'] as string)}<p>— ${name} (@${account.username}@${deps.config.domain}) <a href="${url}">${status['created_at'] as string}</a></p></blockquote>`;
    res.json({
      type: 'rich',
      version: '1.0',
      title: `New status by ${account.username}`,
      author_name: name,
      author_url: account.url,
      provider_name: deps.config.instance.title,
      provider_url: `${deps.config.publicUrl}/`,
      cache_age: 86_400,
      html: body.value,
      width,
      height: null,
    });
  });
  return router;
}
