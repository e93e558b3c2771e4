import { escapeHtml } from './html.ts';

/*
 * The one HTML template tag of Strata's server-rendered pages (the OAuth and settings
 * pages, the public pages): every interpolated value is escaped unless it is SafeHtml.
 */

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

/** Escapes every interpolated value: pages are built only through this tag. */
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
