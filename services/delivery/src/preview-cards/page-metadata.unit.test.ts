import { describe, expect, it } from 'vitest';
import { cardOf, firstLinkOf, pageMetadataOf } from './page-metadata.ts';

describe('firstLinkOf', () => {
  it('skips mentions, hashtags and non-web links', () => {
    const html = '<p><a href="https://a.example/@bob" class="u-url mention">@bob</a> <a href="https://a.example/tags/x" class="mention hashtag" rel="tag">#x</a> <a href="mailto:x@y">m</a> <a href="https://news.example/story">story</a></p>';
    expect(firstLinkOf(html)).toBe('https://news.example/story');
    expect(firstLinkOf('<p>no links</p>')).toBeNull();
  });
});

describe('cardOf', () => {
  it('needs a title, and keeps only an https iframe of an oEmbed player', () => {
    expect(cardOf('https://x.example/', pageMetadataOf('<html><body>nothing</body></html>'), null)).toBeNull();
    const page = pageMetadataOf('<title> Page </title><meta property="og:image" content="javascript:alert(1)">');
    const card = cardOf('https://x.example/a', page, { type: 'rich', html: '<iframe src="http://plain.example/"></iframe>' });
    expect(card).toMatchObject({ title: 'Page', image: null, html: '', type: 'link' });
  });
});
