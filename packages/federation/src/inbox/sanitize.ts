import sanitizeHtml from 'sanitize-html';

/** Mastodon's allowed HTML for remote statuses (its `Sanitize::Config::MASTODON_STRICT`), in spirit. */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'span', 'a', 'del', 's', 'pre', 'blockquote', 'code', 'b', 'strong', 'u', 'i', 'em', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  allowedAttributes: { a: ['href', 'rel', 'class', 'translate'], span: ['class', 'translate'], ol: ['start', 'reversed'], li: ['value'] },
  allowedClasses: { a: ['h-card', 'u-url', 'mention', 'hashtag', 'status-link'], span: ['h-card', 'mention', 'hashtag', 'invisible', 'ellipsis'] },
  allowedSchemes: ['http', 'https', 'dat', 'dweb', 'ipfs', 'ipns', 'ssb', 'gopher', 'xmpp', 'magnet', 'gemini'],
  allowProtocolRelative: false,
  // links leave the instance without a referrer and without passing on trust, as Mastodon's do
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }) },
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template'],
};

export function sanitizeRemoteHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
