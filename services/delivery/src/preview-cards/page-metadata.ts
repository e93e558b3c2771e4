import { Parser } from 'htmlparser2';
import type { PreviewCard } from '@strata/contracts';

/** The first link of a status that is neither a mention nor a hashtag (what Mastodon previews). */
export function firstLinkOf(contentHtml: string): string | null {
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (found || name !== 'a' || !attributes['href']) return;
      const classes = (attributes['class'] ?? '').split(/\s+/);
      if (classes.includes('mention') || classes.includes('hashtag') || attributes['rel']?.includes('tag')) return;
      if (/^https?:\/\//i.test(attributes['href'])) found = attributes['href'];
    },
  });
  parser.end(contentHtml);
  return found;
}

export interface PageMetadata {
  meta: Map<string, string>;
  title: string;
  lang: string | null;
  oembed: string | null;
}

/** OpenGraph and Twitter `<meta>` tags, the `<title>`, the language and the oEmbed discovery link of a page. */
export function pageMetadataOf(html: string): PageMetadata {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let lang: string | null = null;
  let oembed: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html' && attributes['lang']) lang = attributes['lang'].slice(0, 10);
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const key = (attributes['property'] ?? attributes['name'] ?? '').toLowerCase();
          if (key && attributes['content'] !== undefined && !meta.has(key)) meta.set(key, attributes['content'].trim());
        }
        if (name === 'link' && attributes['rel']?.toLowerCase() === 'alternate' && attributes['type']?.toLowerCase() === 'application/json+oembed' && attributes['href']) {
          oembed ??= attributes['href'];
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { meta, title: title.trim(), lang, oembed };
}

/** An oEmbed answer, as far as a card uses it. */
export interface OEmbed {
  type?: unknown;
  title?: unknown;
  author_name?: unknown;
  author_url?: unknown;
  provider_name?: unknown;
  provider_url?: unknown;
  html?: unknown;
  width?: unknown;
  height?: unknown;
  thumbnail_url?: unknown;
}

const str = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const size = (value: unknown) => Math.max(0, Math.min(10_000, Math.round(Number(value) || 0)));

function absolute(value: string | undefined | unknown, base: string): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) && url.href.length <= 2048 ? url.href : null;
  } catch {
    return null;
  }
}

/** An oEmbed player as one iframe of our own making: only its https `src` is kept from the peer's HTML. */
function iframeOf(html: unknown, width: number, height: number): string {
  let src: string | null = null;
  new Parser({ onopentag: (name, attributes) => void (name === 'iframe' && !src && (src = attributes['src'] ?? null)) }).end(str(html, 20_000));
  if (!src || !/^https:\/\//i.test(src)) return '';
  const escaped = (src as string).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${escaped}" width="${width}" height="${height}" frameborder="0" allowfullscreen="true" sandbox="allow-scripts allow-same-origin allow-popups"></iframe>`;
}

/** The card of a page from its metadata and, when it offers one, its oEmbed answer (oEmbed wins where it speaks). */
export function cardOf(url: string, page: PageMetadata, oembed: OEmbed | null): PreviewCard | null {
  const m = (...keys: string[]) => keys.map((key) => page.meta.get(key)).find((value) => value) ?? '';
  const width = size(oembed?.width ?? m('og:image:width'));
  const height = size(oembed?.height ?? m('og:image:height'));
  const html = oembed && (oembed.type === 'video' || oembed.type === 'rich') ? iframeOf(oembed.html, width, height) : '';
  const title = str(oembed?.title, 300) || m('og:title', 'twitter:title').slice(0, 300) || page.title.slice(0, 300);
  if (!title && !html) return null;
  const ogType = m('og:type');
  return {
    url: absolute(m('og:url'), url) ?? url,
    title,
    description: m('og:description', 'twitter:description', 'description').slice(0, 1000),
    type: html ? (oembed!.type as 'video' | 'rich') : oembed?.type === 'photo' ? 'photo' : ogType.startsWith('video') ? 'video' : 'link',
    authorName: str(oembed?.author_name, 300) || m('author', 'article:author').slice(0, 300),
    authorUrl: absolute(oembed?.author_url, url),
    providerName: str(oembed?.provider_name, 300) || m('og:site_name').slice(0, 300),
    providerUrl: absolute(oembed?.provider_url, url),
    html,
    width,
    height,
    image: absolute(oembed?.thumbnail_url, url) ?? absolute(m('og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), url),
    language: page.lang,
  };
}
