import { Parser } from 'htmlparser2';

/**
 * The URL a profile field's value names, if it can be verified: the whole value is one
 * absolute https URL (http too where the outbound policy allows plain http, in tests on
 * loopback) without credentials, as Mastodon verifies only such values.
 */
export function verifiableUrlOf(value: string, allowHttp: boolean): URL | null {
  const text = value.trim();
  if (!text || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const schemeOk = url.protocol === 'https:' || (allowHttp && url.protocol === 'http:');
  if (!schemeOk || !url.hostname || url.username || url.password) return null;
  return url;
}

/** The targets of a page's `<a rel="me">` and `<link rel="me">` (rel is a list of tokens). */
export function relMeLinksOf(html: string): string[] {
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'a' && name !== 'link') return;
        const rel = (attributes['rel'] ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('me') && attributes['href']) links.push(attributes['href'].trim());
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return links;
}

/** Whether one of the links is one of the account's URLs (compared case-insensitively, as Mastodon does). */
export function isAccountUrl(link: string, accountUrls: string[]): boolean {
  return accountUrls.some((url) => url.toLowerCase() === link.toLowerCase());
}

/**
 * What a page says about the account: it links back with rel=me, or it does not but its
 * first rel=me link may redirect to the account (Mastodon follows that one hop), or neither.
 */
export function linkBackOf(html: string, accountUrls: string[]): { linksBack: true } | { linksBack: false; maybeRedirect: string | null } {
  const links = relMeLinksOf(html);
  if (links.some((href) => isAccountUrl(href, accountUrls))) return { linksBack: true };
  return { linksBack: false, maybeRedirect: links[0] ?? null };
}
