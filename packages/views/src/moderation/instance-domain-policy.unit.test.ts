import { describe, expect, it } from 'vitest';
import { domainAndParents } from './instance-domain-policy.ts';

describe('domainAndParents', () => {
  it('covers subdomains as Mastodon does, and a server on a port by its name too', () => {
    expect(domainAndParents('social.Spam.example')).toEqual(['social.spam.example', 'spam.example']);
    expect(domainAndParents('spam.example')).toEqual(['spam.example']);
    expect(domainAndParents('a.b.spam.example:8443')).toEqual(['a.b.spam.example:8443', 'a.b.spam.example', 'b.spam.example', 'spam.example']);
  });
});
