import { SafeHtml, html } from '@strata/text';

export { SafeHtml, html };

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

/**
 * Content to show inside a page. Local content is HTML this server made from escaped
 * plain text; anything from elsewhere is shown as text, so no remote markup reaches a page.
 */
export function trustedContent(markup: string, local: boolean): SafeHtml {
  if (local) return new SafeHtml(markup);
  return html`<p>${htmlToText(markup)}</p>`;
}
