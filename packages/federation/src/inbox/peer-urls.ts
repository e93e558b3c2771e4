import { Link } from '@fedify/vocab';

/**
 * Whether a peer's URL may be stored and delivered to: https only, unless the instance
 * runs with STRATA_FEDERATION_ALLOW_PRIVATE (loopback tests), which also admits http.
 * (Private addresses themselves are refused by Fedify's fetches under the same setting.)
 */
export function isPeerUrlAllowed(url: string | null | undefined, allowPrivateAddress: boolean): boolean {
  if (!url) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || (allowPrivateAddress && protocol === 'http:');
  } catch {
    return false;
  }
}

/** The address a `url` property names, whether a plain URL or a Link. */
export function hrefOf(url: URL | Link | null | undefined): string | null {
  if (url instanceof URL) return url.href;
  if (url instanceof Link) return url.href?.href ?? null;
  return null;
}
