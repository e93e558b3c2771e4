/**
 * Mastodon's OAuth scopes. A top-level scope grants every granular scope under it:
 * `read` covers `read:statuses`, `admin:read` covers `admin:read:accounts`; `follow` is
 * the legacy bundle of follow, block and mute permissions.
 */
const granular = {
  read: ['accounts', 'blocks', 'bookmarks', 'favourites', 'filters', 'follows', 'lists', 'mutes', 'notifications', 'search', 'statuses'],
  write: [
    'accounts',
    'blocks',
    'bookmarks',
    'conversations',
    'favourites',
    'filters',
    'follows',
    'lists',
    'media',
    'mutes',
    'notifications',
    'reports',
    'statuses',
  ],
  'admin:read': ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'],
  'admin:write': ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'],
} as const;

const FOLLOW_BUNDLE = ['read:blocks', 'write:blocks', 'read:follows', 'write:follows', 'read:mutes', 'write:mutes'];

export const ALL_SCOPES: ReadonlySet<string> = new Set([
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'admin:read',
  'admin:write',
  ...Object.entries(granular).flatMap(([parent, children]) => children.map((child) => `${parent}:${child}`)),
]);

export const DEFAULT_SCOPES = ['read'];

/** Splits a scope string ("read write:statuses", also "+"-joined by some clients); unknown scopes are returned as-is. */
export function parseScopes(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...new Set(text.split(/[\s+]+/).filter(Boolean))];
}

export function unknownScopes(scopes: string[]): string[] {
  return scopes.filter((scope) => !ALL_SCOPES.has(scope));
}

/** Whether `granted` scopes allow an action that needs `required` (one scope). */
export function scopeAllows(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const parent = required.slice(0, required.lastIndexOf(':'));
  if (parent && required.includes(':') && granted.includes(parent)) return true;
  return granted.includes('follow') && FOLLOW_BUNDLE.includes(required);
}

/** Whether every one of `wanted` is allowed by `allowed` (a token's scopes must be within its app's). */
export function scopesWithin(wanted: readonly string[], allowed: readonly string[]): boolean {
  return wanted.every((scope) => scopeAllows(allowed, scope));
}
