import { find } from 'linkifyjs';
import { escapeHtml } from './html.ts';

/** Where a web link sits in a text, as linkifyjs finds it (only http and https). */
export interface FoundLink {
  start: number;
  end: number;
  href: string;
}

export function findLinks(text: string): FoundLink[] {
  return find(text, 'url')
    .filter((link) => /^https?:\/\//i.test(link.value))
    .map((link) => ({ start: link.start, end: link.end, href: link.href }));
}

/**
 * A link as Mastodon renders it: the scheme hidden, at most 30 characters shown, the
 * rest hidden with an ellipsis, so clients that know these classes shorten long links.
 */
export function linkHtml(href: string): string {
  const match = /^(https?:\/\/(?:www\.)?)(.*)$/i.exec(href);
  const prefix = match?.[1] ?? '';
  const rest = match?.[2] ?? href;
  const shown = rest.slice(0, 30);
  const hidden = rest.slice(30);
  return (
    `<a href="${escapeHtml(href)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}
