import { escapeHtml } from '@strata/text';
import type { StatusEntity } from './public-reads.ts';
import { shown, statusText } from './status-view.ts';

export interface FeedInfo {
  title: string;
  link: string;
  description: string;
  self: string;
  image?: string;
}

const x = escapeHtml;

/** An RSS 2.0 feed of statuses (the entities already passed the visibility policy). */
export function rssFeed(feed: FeedInfo, entities: StatusEntity[]): string {
  const items = entities.map((entity) => {
    const status = shown(entity);
    const link = status.url ?? status.uri;
    return `<item>
<guid isPermaLink="true">${x(link)}</guid>
<link>${x(link)}</link>
<title>${x(statusText(status).slice(0, 100))}</title>
<pubDate>${new Date(status.created_at).toUTCString()}</pubDate>
<description>${x(status.spoiler_text ? `<p>${x(status.spoiler_text)}</p>${status.content}` : status.content)}</description>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(feed.title)}</title>
<link>${x(feed.link)}</link>
<description>${x(feed.description)}</description>
<atom:link href="${x(feed.self)}" rel="self" type="application/rss+xml"/>
${feed.image ? `<image><url>${x(feed.image)}</url><title>${x(feed.title)}</title><link>${x(feed.link)}</link></image>` : ''}
${items.join('\n')}
</channel>
</rss>
`;
}
