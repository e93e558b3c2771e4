/**
 * Just enough of a browser to go through Strata's HTML sign-in and consent pages over
 * real HTTP: a cookie jar, manual redirects, and reading a form's fields.
 */
export class FormBrowser {
  readonly #base: string;
  readonly #cookies = new Map<string, string>();

  constructor(base: string) {
    this.#base = base;
  }

  async get(path: string) {
    return this.#request(path, { method: 'GET' });
  }

  async submit(form: HtmlForm, fields: Record<string, string>) {
    const body = new URLSearchParams({ ...form.fields, ...fields });
    return this.#request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  async #request(path: string, init: RequestInit) {
    const headers = new Headers(init.headers);
    if (this.#cookies.size) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(path, this.#base), { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      this.#cookies.set(name!.trim(), value.join('='));
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
}

export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

const unescape = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The forms of a page, with their hidden fields' values. */
export function formsOf(html: string): HtmlForm[] {
  return [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].map(([, action, inner]) => ({
    action: unescape(action!),
    fields: Object.fromEntries(
      [...inner!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => [unescape(name!), unescape(value!)]),
    ),
  }));
}
