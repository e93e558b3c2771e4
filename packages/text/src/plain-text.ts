import { escapeHtml } from './html.ts';
import { findLinks, linkHtml } from './links.ts';

/**
 * Plain text as Mastodon turns it into HTML: paragraphs at blank lines, <br /> at single
 * line breaks, web links made clickable; everything else escaped.
 */
export function plainTextToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return '';
  return normalized
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${inlineHtml(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** One line or paragraph: links made clickable, the rest escaped. */
export function inlineHtml(text: string): string {
  let html = '';
  let at = 0;
  for (const link of findLinks(text)) {
    html += escapeHtml(text.slice(at, link.start)) + linkHtml(link.href);
    at = link.end;
  }
  return html + escapeHtml(text.slice(at));
}

/** Markup as plain text (for meta descriptions, feeds' titles and remote content). */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
