import { describe, expect, it } from 'vitest';
import { sanitizeRemoteHtml } from './sanitize.ts';

describe('sanitizeRemoteHtml', () => {
  it("keeps Mastodon's markup: paragraphs, links with mention and hashtag classes, lists", () => {
    const html = '<p>Hi <span class="h-card"><a href="https://a.example/@b" class="u-url mention">@b</a></span></p><ol start="3"><li>x</li></ol>';
    expect(sanitizeRemoteHtml(html)).toBe('<p>Hi <span class="h-card"><a href="https://a.example/@b" class="u-url mention" rel="nofollow noopener noreferrer">@b</a></span></p><ol start="3"><li>x</li></ol>');
  });

  it('drops scripts, handlers, styles, images, unknown classes and javascript: links', () => {
    const html = '<p style="color:red" class="evil" onclick="x()">a<script>alert(1)</script><img src=x onerror=y><a href="javascript:alert(1)">b</a><iframe src="https://x"></iframe></p>';
    expect(sanitizeRemoteHtml(html)).toBe('<p>a<a rel="nofollow noopener noreferrer">b</a></p>');
  });
});
