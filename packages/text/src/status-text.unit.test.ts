import { describe, expect, it } from 'vitest';
import { extractHashtags, extractMentions, statusLength, statusToHtml } from './status-text.ts';

const options = {
  tagUrl: (tag: string) => `https://social.example/tags/${tag}`,
  mention: (ref: { username: string; domain: string | null }) =>
    ref.username.toLowerCase() === 'bob' && !ref.domain
      ? { id: '2', username: 'bob', acct: 'bob', url: 'https://social.example/@bob' }
      : undefined,
};

describe('status text', () => {
  it('finds mentions and hashtags, not e-mail addresses or URL fragments', () => {
    const text = 'hi @bob and @carol@other.example, mail me at x@y.example #Fediverse #2024 https://example.com/#anchor @bob';
    expect(extractMentions(text)).toEqual([
      { username: 'bob', domain: null },
      { username: 'carol', domain: 'other.example' },
    ]);
    expect(extractHashtags(text)).toEqual(['fediverse']);
  });

  it('finds remote mentions whose domain has a port, and leaves a colon that ends a sentence as text', () => {
    const text = 'cc @dan@127.0.0.4:8080, @erin@localhost:3001 and @fay@other.example: hi @gus@nodot';
    expect(extractMentions(text)).toEqual([
      { username: 'dan', domain: '127.0.0.4:8080' },
      { username: 'erin', domain: 'localhost:3001' },
      { username: 'fay', domain: 'other.example' },
      { username: 'gus', domain: null },
    ]);
    expect(statusLength('@dan@127.0.0.4:8080 hi')).toBe('@dan hi'.length);
  });

  it('counts links as 23 characters and remote mentions by their local part', () => {
    expect(statusLength('abc')).toBe(3);
    expect(statusLength(`see https://example.com/${'x'.repeat(100)}`)).toBe(4 + 23);
    expect(statusLength('@carol@other.example hi')).toBe('@carol hi'.length);
    expect(statusLength('😀😀')).toBe(2);
  });

  it('renders mentions as h-cards, hashtags as tag links, and leaves unknown mentions as text', () => {
    expect(statusToHtml('Hello @bob! #Strata\n\n<b>@nobody</b>', options)).toBe(
      '<p>Hello <span class="h-card" translate="no"><a href="https://social.example/@bob" class="u-url mention">@<span>bob</span></a></span>! ' +
        '<a href="https://social.example/tags/strata" class="mention hashtag" rel="tag">#<span>Strata</span></a></p>' +
        '<p>&lt;b&gt;@nobody&lt;/b&gt;</p>',
    );
  });
});
