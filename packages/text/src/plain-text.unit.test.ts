import { describe, expect, it } from 'vitest';
import { plainTextToHtml } from './plain-text.ts';

describe('plainTextToHtml', () => {
  it('makes paragraphs and line breaks', () => {
    expect(plainTextToHtml('one\ntwo\n\nthree')).toBe('<p>one<br />two</p><p>three</p>');
    expect(plainTextToHtml('  \n ')).toBe('');
  });

  it('escapes markup', () => {
    expect(plainTextToHtml('<script>alert("x")</script> & co')).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
  });

  it('links URLs the way Mastodon does', () => {
    expect(plainTextToHtml('see https://example.com/a')).toBe(
      '<p>see <a href="https://example.com/a" target="_blank" rel="nofollow noopener" translate="no">' +
        '<span class="invisible">https://</span><span class="">example.com/a</span><span class="invisible"></span></a></p>',
    );
    const long = plainTextToHtml('https://www.example.com/a/very/long/path/that/goes/on');
    expect(long).toContain('<span class="invisible">https://www.</span>');
    expect(long).toContain('<span class="ellipsis">example.com/a/very/long/path/t</span>');
    expect(long).toContain('<span class="invisible">hat/goes/on</span>');
  });
});
