import type { PresenterDeps } from '@strata/presenters';
import type { InstanceRuleDoc, InstanceStats } from '@strata/views';
import { html } from './html.ts';
import { layout } from './layout.ts';
import type { PublicThread, PublicTrends, StatusPage } from './public-reads.ts';
import { displayName, shown, statusArticle, statusText } from './status-view.ts';

/** `/@username/:id`: one status with the visible part of its thread. */
export function statusPage(deps: PresenterDeps, thread: PublicThread): string {
  const status = shown(thread.status);
  const name = displayName(status.account);
  const body = html`${thread.ancestors.length ? html`<section aria-label="Earlier in the thread">${thread.ancestors.map((s) => statusArticle(s))}</section>` : ''}
${statusArticle(thread.status, { focus: true })}
${thread.descendants.length ? html`<section aria-labelledby="replies"><h2 id="replies">Replies</h2>${thread.descendants.map((s) => statusArticle(s))}</section>` : ''}`;
  return layout(
    deps.config,
    {
      title: `${name}: “${statusText(status).slice(0, 60)}”`,
      description: statusText(status),
      url: status.url ?? status.uri,
      image: status.account.avatar,
      type: 'article',
      activityPubUri: status.uri,
      oembed: `${deps.config.publicUrl}/api/oembed?url=${encodeURIComponent(status.url ?? status.uri)}`,
    },
    body,
  );
}

/** `/tags/:tag`: the public posts with this hashtag, newest first. */
export function tagPage(deps: PresenterDeps, tag: string, page: StatusPage, firstPage: boolean): string {
  const base = `/tags/${encodeURIComponent(tag)}`;
  const body = html`<h1>#${tag}</h1>
<section aria-label="Posts">
${page.statuses.length ? page.statuses.map((s) => statusArticle(s)) : html`<p class="empty">No public posts with #${tag}${firstPage ? ' yet' : ' here'}.</p>`}
</section>
<nav class="pager" aria-label="Pages">
  ${firstPage ? html`<span></span>` : html`<a href="${base}">Newest posts</a>`}
  ${page.olderThan ? html`<a href="${base}?max_id=${page.olderThan}" rel="next">Older posts</a>` : ''}
</nav>`;
  return layout(
    deps.config,
    { title: `#${tag}`, description: `Public posts tagged #${tag}`, url: `${deps.config.publicUrl}${base}`, rss: { title: `#${tag}`, href: `${deps.config.publicUrl}${base}.rss` } },
    body,
  );
}

const stat = (n: number, label: string) => html`<li><strong>${n.toLocaleString('en')}</strong> ${label}</li>`;

/** `/about`: what this server is, who runs it, how busy it is. */
export function aboutPage(deps: PresenterDeps, stats: InstanceStats, rules: InstanceRuleDoc[]): string {
  const { instance, domain, publicUrl } = deps.config;
  const body = html`<h1>About ${instance.title}</h1>
<section class="card" aria-labelledby="description"><h2 id="description">Description</h2><p>${instance.description || `${domain} is a Strata server, part of the Fediverse.`}</p></section>
<section class="card" aria-labelledby="rules"><h2 id="rules">Rules</h2>
${rules.length ? html`<ol class="rules">${rules.map((r) => html`<li>${r.text}${r.hint ? html`<br><span class="muted">${r.hint}</span>` : ''}</li>`)}</ol>` : html`<p class="empty">No rules set.</p>`}</section>
<section class="card" aria-labelledby="contact"><h2 id="contact">Contact</h2>
${instance.contactEmail ? html`<p><a href="mailto:${instance.contactEmail}">${instance.contactEmail}</a></p>` : html`<p class="empty">No contact address given.</p>`}</section>
<section class="card" aria-labelledby="stats"><h2 id="stats">Statistics</h2>
<ul class="counts">${stat(stats.userCount, 'users')}${stat(stats.activeMonth, 'active this month')}${stat(stats.statusCount, 'posts')}${stat(stats.domainCount, 'connected servers')}</ul></section>
<section class="card" aria-labelledby="joining"><h2 id="joining">Joining</h2>
<p>${registrationText(instance.registrations)}</p></section>`;
  return layout(deps.config, { title: `About ${instance.title}`, description: instance.description, url: `${publicUrl}/about` }, body);
}

function registrationText(mode: 'open' | 'approval' | 'closed') {
  if (mode === 'closed') return 'Registrations are closed on this server.';
  return html`${mode === 'approval' ? 'Anyone may ask to join; a moderator approves new accounts. ' : 'Anyone may join. '}<a href="/web/sign_up">Create an account</a>.`;
}

/** `/` for signed-out visitors: what this server is, how to join, and its latest public posts. */
export function landingPage(deps: PresenterDeps, page: StatusPage): string {
  const { instance, publicUrl } = deps.config;
  const body = html`<section class="card" aria-labelledby="welcome">
<h1 id="welcome">${instance.title}</h1>
<p>${instance.description || 'A Strata server, part of the Fediverse.'}</p>
<p>${instance.registrations === 'closed' ? '' : html`<a class="button" href="/web/sign_up">Create account</a> `}<a class="button secondary" href="/web/">Sign in</a></p>
</section>
<script>if (localStorage.getItem('strata-token')) location.replace('/web/home');</script>
<section aria-labelledby="latest"><h2 id="latest">Latest public posts</h2>
${page.statuses.length ? page.statuses.map((s) => statusArticle(s)) : html`<p class="empty">Nothing posted publicly yet.</p>`}
</section>`;
  return layout(deps.config, { title: instance.title, description: instance.description, url: `${publicUrl}/` }, body);
}

const people = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'person' : 'people'} in the past two days`;

/** `/explore`: what is trending here, as moderators reviewed it: hashtags, links and posts. */
export function explorePage(deps: PresenterDeps, trends: PublicTrends): string {
  const { instance, publicUrl } = deps.config;
  const body = html`<h1>Explore</h1>
<section class="card" aria-labelledby="trending-tags"><h2 id="trending-tags">Trending hashtags</h2>
${trends.tags.length ? html`<ul class="trends">${trends.tags.map((t) => html`<li><a href="/tags/${encodeURIComponent(t.name)}">#${t.name}</a> <span class="muted">${people(t.accounts)}</span></li>`)}</ul>` : html`<p class="empty">No trending hashtags right now.</p>`}</section>
<section class="card" aria-labelledby="trending-links"><h2 id="trending-links">Trending links</h2>
${trends.links.length ? html`<ul class="trends">${trends.links.map((l) => html`<li><a href="${l.url}" rel="nofollow noopener noreferrer">${l.url}</a> <span class="muted">${people(l.accounts)}</span></li>`)}</ul>` : html`<p class="empty">No trending links right now.</p>`}</section>
<section aria-labelledby="trending-posts"><h2 id="trending-posts">Trending posts</h2>
${trends.statuses.length ? trends.statuses.map((s) => statusArticle(s)) : html`<p class="empty">No trending posts right now.</p>`}</section>`;
  return layout(deps.config, { title: `Explore ${instance.title}`, description: `What is trending on ${instance.title}`, url: `${publicUrl}/explore` }, body);
}
