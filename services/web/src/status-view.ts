import { type SafeHtml, html, htmlToText, trustedContent } from './html.ts';
import type { StatusEntity } from './public-reads.ts';

/** The fields of Mastodon's Status entity the pages show. */
export interface ShownStatus {
  id: string;
  created_at: string;
  url: string | null;
  uri: string;
  content: string;
  spoiler_text: string;
  visibility: string;
  in_reply_to_id: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  reblog: ShownStatus | null;
  sensitive: boolean;
  media_attachments: { type: string; url: string | null; preview_url: string | null; description: string | null }[];
  poll: { expired: boolean; votes_count: number; voters_count: number | null; multiple: boolean; options: { title: string; votes_count: number | null }[] } | null;
  account: { id: string; username: string; acct: string; display_name: string; url: string; avatar: string };
}

export const shown = (entity: StatusEntity) => entity as unknown as ShownStatus;

const isLocal = (status: ShownStatus) => !status.account.acct.includes('@');

export function displayName(account: ShownStatus['account']): string {
  return account.display_name.trim() || account.username;
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function timeTag(iso: string): SafeHtml {
  return html`<time datetime="${iso}">${dateFormat.format(new Date(iso))} UTC</time>`;
}

/** A status as plain text, for page descriptions and feed titles. */
export function statusText(status: ShownStatus): string {
  const inner = status.reblog ?? status;
  return inner.spoiler_text ? `CW: ${inner.spoiler_text}` : htmlToText(inner.content);
}

/** The attachments, with their descriptions as alt text; sensitive ones wait behind a disclosure. */
// a remote attachment's address is shown only as a web link, never another scheme
const webUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : '');

function mediaOf(status: ShownStatus): SafeHtml | string {
  const media = status.media_attachments ?? [];
  if (!media.length) return '';
  const items = media.map((m) => {
    const alt = m.description ?? '';
    if (m.type === 'video' || m.type === 'gifv') return html`<video src="${webUrl(m.url)}" poster="${webUrl(m.preview_url)}" controls preload="none" aria-label="${alt || 'Video'}"></video>`;
    if (m.type === 'audio') return html`<audio src="${webUrl(m.url)}" controls preload="none" aria-label="${alt || 'Audio'}"></audio>`;
    return html`<a href="${webUrl(m.url)}"><img src="${webUrl(m.preview_url) || webUrl(m.url)}" alt="${alt}" loading="lazy"></a>`;
  });
  const gallery = html`<div class="media">${items}</div>`;
  return status.sensitive ? html`<details class="cw"><summary>Sensitive media</summary>${gallery}</details>` : gallery;
}

/** A poll's results (voting is in the web app). */
function pollOf(status: ShownStatus): SafeHtml | string {
  const poll = status.poll;
  if (!poll) return '';
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;
  const share = (n: number | null) => (n === null ? '–' : `${total ? Math.round((n / total) * 100) : 0}%`);
  return html`<ul class="poll">${poll.options.map((o) => html`<li><strong>${share(o.votes_count)}</strong> ${o.title}</li>`)}</ul>
<p class="handle">${String(poll.voters_count ?? poll.votes_count)} ${(poll.voters_count ?? poll.votes_count) === 1 ? 'person' : 'people'} · ${poll.expired ? 'Closed' : 'Open'}</p>`;
}

/** One status as an article; a boost shows its original with who boosted it. */
export function statusArticle(entity: StatusEntity | ShownStatus, options: { focus?: boolean; pinned?: boolean } = {}): SafeHtml {
  const outer = 'uri' in entity && 'account' in entity ? (entity as ShownStatus) : shown(entity as StatusEntity);
  const status = outer.reblog ?? outer;
  const author = status.account;
  const permalink = status.url ?? status.uri;
  const body = trustedContent(status.content, isLocal(status));
  const Heading = options.focus ? 'h1' : 'h3';
  return html`<article class="card status${options.focus ? ' focus' : ''}" aria-labelledby="s-${outer.id}">
${outer.reblog ? html`<p class="boosted">${displayName(outer.account)} boosted</p>` : ''}
<img class="avatar" src="${author.avatar}" alt="" width="48" height="48" loading="lazy">
<div>
  <${Heading} class="meta" id="s-${outer.id}">
    <a class="name" href="${author.url}">${displayName(author)}</a>
    <span class="handle">@${author.acct}</span>
  </${Heading}>
  ${options.pinned ? html`<p class="pinned">Pinned</p>` : ''}
  ${status.in_reply_to_id ? html`<p class="handle">In reply to an earlier post</p>` : ''}
  <div class="content">
    ${status.spoiler_text ? html`<details class="cw"><summary>${status.spoiler_text}</summary>${body}${mediaOf(status)}${pollOf(status)}</details>` : html`${body}${mediaOf(status)}${pollOf(status)}`}
  </div>
  <footer>
    <a href="${permalink}">${timeTag(status.created_at)}</a>
    <span>${status.replies_count} ${status.replies_count === 1 ? 'reply' : 'replies'}</span>
    <span>${status.reblogs_count} ${status.reblogs_count === 1 ? 'boost' : 'boosts'}</span>
    <span>${status.favourites_count} ${status.favourites_count === 1 ? 'favourite' : 'favourites'}</span>
  </footer>
</div>
</article>`;
}
