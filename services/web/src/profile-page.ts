import type { StrataConfig } from '@strata/config';
import type { PresenterDeps, presentAccount } from '@strata/presenters';
import { html, htmlToText, trustedContent } from './html.ts';
import { layout } from './layout.ts';
import type { StatusEntity, StatusPage } from './public-reads.ts';
import { statusArticle } from './status-view.ts';

const count = (n: number, one: string, many: string) => html`<li><strong>${n.toLocaleString('en')}</strong> ${n === 1 ? one : many}</li>`;

export type ProfileTab = 'posts' | 'media';

/** A field's value, marked when its link was verified (the page links back with rel=me). */
const fieldValue = (f: { value: string; verified_at?: string | null }) =>
  f.verified_at ? html`<dd class="verified"><span aria-hidden="true">✓ </span><span class="visually-hidden">Verified link: </span>${trustedContent(f.value, true)}</dd>` : html`<dd>${trustedContent(f.value, true)}</dd>`;

/** `/@username` and `/@username/media`: header, avatar, name, bio, fields, counts, pinned and recent posts (or those with media) with paging. */
export function profilePage(deps: PresenterDeps, account: ReturnType<typeof presentAccount>, pins: StatusEntity[], page: StatusPage, firstPage: boolean, tab: ProfileTab = 'posts'): string {
  const config: StrataConfig = deps.config;
  const name = account.display_name.trim() || account.username;
  const handle = `@${account.username}@${config.domain}`;
  const base = tab === 'media' ? `/@${account.username}/media` : `/@${account.username}`;
  const tabLink = (key: ProfileTab, href: string, label: string) => html`<a href="${href}"${tab === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const body = html`<section class="card profile" aria-labelledby="profile-name">
  <img class="banner" src="${account.header}" alt="">
  <div class="body">
    <img class="avatar" src="${account.avatar}" alt="Avatar of ${name}" width="88" height="88">
    <h1 id="profile-name">${name}</h1>
    <p class="handle">${handle}${account.bot ? ' · bot' : ''}${account.locked ? ' · approves followers' : ''}</p>
    <div class="note">${trustedContent(account.note, true)}</div>
    ${account.fields.length ? html`<dl class="fields">${account.fields.map((f) => html`<dt>${f.name}</dt>${fieldValue(f)}`)}</dl>` : ''}
    <ul class="counts" aria-label="Counts">
      ${count(account.statuses_count, 'post', 'posts')}
      ${account.hide_collections ? '' : html`${count(account.following_count, 'following', 'following')}${count(account.followers_count, 'follower', 'followers')}`}
    </ul>
    <p>Joined ${new Date(account.created_at).toLocaleDateString('en', { year: 'numeric', month: 'long', timeZone: 'UTC' })}</p>
  </div>
</section>
<nav class="tabs" aria-label="Profile sections">${tabLink('posts', `/@${account.username}`, 'Posts')}${tabLink('media', `/@${account.username}/media`, 'Media')}</nav>
${tab === 'posts' && firstPage && pins.length ? html`<section aria-labelledby="pinned"><h2 id="pinned">Pinned posts</h2>${pins.map((s) => statusArticle(s, { pinned: true }))}</section>` : ''}
<section aria-labelledby="posts"><h2 id="posts">${tab === 'media' ? 'Posts with media' : 'Posts'}</h2>
${page.statuses.length ? page.statuses.map((s) => statusArticle(s)) : html`<p class="empty">No public posts${tab === 'media' ? ' with media' : ''}${firstPage ? ' yet' : ' here'}.</p>`}
<nav class="pager" aria-label="Pages">
  ${firstPage ? html`<span></span>` : html`<a href="${base}">Newest posts</a>`}
  ${page.olderThan ? html`<a href="${base}?max_id=${page.olderThan}" rel="next">Older posts</a>` : ''}
</nav>
</section>`;
  return layout(
    config,
    {
      title: `${name} (${handle})`,
      description: htmlToText(account.note) || `Posts of ${handle}`,
      url: tab === 'media' ? `${account.url}/media` : account.url,
      image: account.avatar,
      type: 'profile',
      activityPubUri: account.uri,
      rss: { title: `Posts of ${handle}`, href: `${config.publicUrl}/@${account.username}.rss` },
      noindex: account.noindex,
    },
    body,
  );
}
