import { SafeHtml, html, htmlToText } from '@strata/text';

export { SafeHtml, html, htmlToText };

/**
 * Content to show inside a page. Local content is HTML this server made from escaped
 * plain text; anything from elsewhere is shown as text, so no remote markup reaches a page.
 */
export function trustedContent(markup: string, local: boolean): SafeHtml {
  if (local) return new SafeHtml(markup);
  return html`<p>${htmlToText(markup)}</p>`;
}
