import { escapeHtml } from '@strata/text';

/** HTML already escaped or built by this module: the only thing `html` interpolates as is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** Escapes every interpolated value: public pages are built only through this tag. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
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

/**
 * Content to show inside a page. Local content is HTML this server made from escaped
 * plain text; anything from elsewhere is shown as text, so no remote markup reaches a page.
 */
export function trustedContent(markup: string, local: boolean): SafeHtml {
  if (local) return new SafeHtml(markup);
  return html`<p>${htmlToText(markup)}</p>`;
}
