import { OOB_REDIRECT_URI } from '@strata/auth';
import { ValidationError } from '@strata/kernel';

/**
 * Schemes that run code or read local files where a browser lands: an authorization
 * response redirected there hands the code (and the page) to a script. Custom app schemes
 * (`myapp://callback`) stay allowed, as Mastodon allows them for mobile apps.
 */
const DANGEROUS_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:', 'filesystem:']);

/** Why a redirect URI cannot be registered, or null when it can. */
export function redirectUriProblem(uri: string): string | null {
  if (uri === OOB_REDIRECT_URI) return null;
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return 'must be an absolute URI.';
  }
  if (DANGEROUS_SCHEMES.has(parsed.protocol.toLowerCase())) return 'is forbidden by the server.';
  // RFC 6749 §3.1.2: the endpoint URI must not include a fragment
  if (parsed.hash) return 'cannot contain a fragment.';
  return null;
}

/** The redirect URIs of an app registration, one per line or as an array; 422 in Mastodon's shape for a bad one. */
export function checkRedirectUris(value: string | string[]): string[] {
  const uris = (Array.isArray(value) ? value : value.split(/\s+/)).filter(Boolean);
  if (uris.length === 0) throw invalid("can't be blank.");
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw invalid(problem);
  }
  return uris;
}

function invalid(description: string) {
  return new ValidationError(`Validation failed: Redirect URI ${description}`, { redirect_uri: [{ error: 'ERR_INVALID', description }] });
}
