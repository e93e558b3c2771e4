import { Router } from 'express';
import { exportKinds } from '@strata/portability';
import type { ApiDeps } from '../http/deps.ts';
import { html, page } from '../web/layout.ts';
import { signedInOrRedirect } from '../web/signed-in.ts';

const PATH = '/settings/export';
const labels: Record<(typeof exportKinds)[number], string> = {
  following_accounts: 'Follows',
  followers: 'Followers',
  lists: 'Lists',
  blocks: 'Blocks',
  mutes: 'Mutes',
  domain_blocks: 'Hidden servers',
  bookmarks: 'Bookmarks',
};
const importTypes = ['following', 'lists', 'blocking', 'muting', 'domain_blocking', 'bookmarks'];

/** The signed-in person's import and export page: CSV downloads, an import form, the archive request. */
export function exportPageRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get(PATH, async (req, res) => {
    const current = await signedInOrRedirect(deps, req, res, PATH);
    if (!current) return;
    const csrf = current.session.csrfToken;
    const body = html`<h1>Import and export</h1>
<h2>Export</h2>
<ul>${exportKinds.map((kind) => html`<li><a href="/settings/exports/${kind}.csv" download>${labels[kind]} (CSV)</a></li>`)}</ul>
<form method="post" action="/settings/backups">
  <input type="hidden" name="authenticity_token" value="${csrf}">
  <button type="submit">Request your archive</button>
</form>
<h2>Import</h2>
<form method="post" action="/settings/imports">
  <input type="hidden" name="authenticity_token" value="${csrf}">
  <label for="type">What the file holds</label>
  <select id="type" name="type">${importTypes.map((type) => html`<option value="${type}">${type.replace('_', ' ')}</option>`)}</select>
  <label><input type="radio" name="mode" value="merge" checked> Merge with what you have</label>
  <label><input type="radio" name="mode" value="overwrite"> Overwrite what you have</label>
  <label for="data">The CSV file's contents</label>
  <textarea id="data" name="data" rows="8" required></textarea>
  <button type="submit">Import</button>
</form>`;
    res.status(200).type('html').set('Cache-Control', 'no-store').send(page('Import and export', deps.config.instance.title, body));
  });
  return router;
}
