import { describe, expect, it } from 'vitest';
import { parseScopes, scopeAllows, scopesWithin, unknownScopes } from './scopes.ts';

describe('scopes', () => {
  it('parses space- and plus-separated scope strings', () => {
    expect(parseScopes('read write:statuses  follow')).toEqual(['read', 'write:statuses', 'follow']);
    expect(parseScopes('read+write')).toEqual(['read', 'write']);
    expect(parseScopes(undefined)).toEqual([]);
  });

  it('lets a parent scope cover its granular scopes', () => {
    expect(scopeAllows(['read'], 'read:accounts')).toBe(true);
    expect(scopeAllows(['read:statuses'], 'read:accounts')).toBe(false);
    expect(scopeAllows(['admin:read'], 'admin:read:accounts')).toBe(true);
    expect(scopeAllows(['write'], 'read:accounts')).toBe(false);
    expect(scopeAllows(['follow'], 'write:follows')).toBe(true);
    expect(scopeAllows(['follow'], 'write:statuses')).toBe(false);
  });

  it('keeps a token within its app', () => {
    expect(scopesWithin(['read:accounts', 'write'], ['read', 'write'])).toBe(true);
    expect(scopesWithin(['write'], ['read'])).toBe(false);
  });

  it('names unknown scopes', () => {
    expect(unknownScopes(['read', 'fly', 'admin:read:accounts'])).toEqual(['fly']);
  });
});
