import type { StrataConfig } from '@strata/config';
import { type SafeHtml, html } from './html.ts';

export interface PageMeta {
  /** The page's own title (the instance title is added). */
  title: string;
  description?: string;
  /** Canonical URL of the page. */
  url: string;
  image?: string;
  type?: 'website' | 'profile' | 'article';
  /** The ActivityPub object this page shows (actor or status). */
  activityPubUri?: string;
  rss?: { title: string; href: string };
  /** The oEmbed document of the status this page shows, for discovery. */
  oembed?: string;
  /** Ask robots not to index (the account opted out). */
  noindex?: boolean;
}

/** The shell of every public page: semantic landmarks, OpenGraph/Twitter cards, feeds and the shared stylesheet. */
export function layout(config: StrataConfig, meta: PageMeta, body: SafeHtml): string {
  const site = config.instance.title;
  const fullTitle = meta.title === site ? site : `${meta.title} – ${site}`;
  const description = meta.description?.slice(0, 300) ?? '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${description ? html`<meta name="description" content="${description}">` : ''}
${meta.noindex ? html`<meta name="robots" content="noindex, noarchive">` : ''}
<link rel="canonical" href="${meta.url}">
<link rel="stylesheet" href="/assets/strata-public.css">
<link rel="icon" href="data:,">
${meta.activityPubUri ? html`<link rel="alternate" type="application/activity+json" href="${meta.activityPubUri}">` : ''}
${meta.rss ? html`<link rel="alternate" type="application/rss+xml" title="${meta.rss.title}" href="${meta.rss.href}">` : ''}
${meta.oembed ? html`<link rel="alternate" type="application/json+oembed" href="${meta.oembed}">` : ''}
<meta property="og:site_name" content="${site}">
<meta property="og:title" content="${meta.title}">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:url" content="${meta.url}">
${description ? html`<meta property="og:description" content="${description}">` : ''}
${meta.image ? html`<meta property="og:image" content="${meta.image}">` : ''}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${meta.title}">
${description ? html`<meta name="twitter:description" content="${description}">` : ''}
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site">
  <a class="brand" href="/">${site}</a>
  <nav aria-label="Site"><a href="/explore">Explore</a><a href="/about">About</a><a href="/web/">Sign in</a></nav>
</header>
<main id="content">
${body}
</main>
<footer class="site"><span>${config.domain}</span><a href="/about">About this server</a></footer>
</body>
</html>`.value;
}
