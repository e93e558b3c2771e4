import { escapeHtml } from './html.ts';
import { findLinks, linkHtml } from './links.ts';

/**
 * @user or @user@domain, not inside a word, an e-mail address or a URL. The domain may
 * carry a port (`@user@127.0.0.4:8080`, `@user@localhost:3001`): a name without a dot
 * is a domain only with one.
 */
const MENTION = /(?<![\p{L}\p{N}_@/.])@([a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)(?:@([a-z0-9-]+(?:(?:\.[a-z0-9-]+)+(?::\d{1,5}(?![\p{L}\p{N}_]))?|:\d{1,5}(?![\p{L}\p{N}_]))))?/giu;
/** #tag: letters, digits and underscores, not all digits. */
const HASHTAG = /(?<![\p{L}\p{N}_/#&])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;

export interface MentionRef {
  username: string;
  /** null when the text named no domain (a local account, or one on the author's server). */
  domain: string | null;
}

export interface ResolvedMention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

type Entity =
  | { kind: 'link'; start: number; end: number; href: string }
  | { kind: 'mention'; start: number; end: number; ref: MentionRef }
  | { kind: 'hashtag'; start: number; end: number; tag: string };

function entities(text: string): Entity[] {
  const found: Entity[] = findLinks(text).map((link) => ({ kind: 'link', ...link }));
  const free = (start: number, end: number) => found.every((e) => end <= e.start || start >= e.end);
  for (const match of text.matchAll(MENTION)) {
    const start = match.index;
    const end = start + match[0].length;
    if (free(start, end)) found.push({ kind: 'mention', start, end, ref: { username: match[1]!, domain: match[2]?.toLowerCase() ?? null } });
  }
  for (const match of text.matchAll(HASHTAG)) {
    const start = match.index;
    const end = start + match[0].length;
    if (free(start, end)) found.push({ kind: 'hashtag', start, end, tag: match[1]! });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The accounts a text mentions, each once. */
export function extractMentions(text: string): MentionRef[] {
  const seen = new Map<string, MentionRef>();
  for (const entity of entities(text)) {
    if (entity.kind === 'mention') seen.set(`${entity.ref.username.toLowerCase()}@${entity.ref.domain ?? ''}`, entity.ref);
  }
  return [...seen.values()];
}

/** The hashtags of a text, lower-cased and each once, in order of appearance. */
export function extractHashtags(text: string): string[] {
  return [...new Set(entities(text).flatMap((e) => (e.kind === 'hashtag' ? [e.tag.toLowerCase()] : [])))];
}

/**
 * Mastodon's length of a status: every link counts as 23 characters and a mention as
 * its local part only, so that what fits does not depend on long addresses.
 */
export function statusLength(text: string): number {
  let length = [...text].length;
  for (const entity of entities(text)) {
    const raw = [...text.slice(entity.start, entity.end)].length;
    if (entity.kind === 'link') length += 23 - raw;
    if (entity.kind === 'mention' && entity.ref.domain) length -= entity.ref.domain.length + 1;
  }
  return length;
}

/**
 * A status as Mastodon's HTML: paragraphs and line breaks, links, hashtag links, and
 * mentions as h-card links; a mention that resolves to no account stays plain text.
 */
export function statusToHtml(
  text: string,
  options: { tagUrl: (tag: string) => string; mention: (ref: MentionRef) => ResolvedMention | undefined },
): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return '';
  return normalized
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${inline(paragraph, options).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

function inline(text: string, options: Parameters<typeof statusToHtml>[1]): string {
  let html = '';
  let at = 0;
  for (const entity of entities(text)) {
    html += escapeHtml(text.slice(at, entity.start));
    const raw = text.slice(entity.start, entity.end);
    if (entity.kind === 'link') html += linkHtml(entity.href);
    else if (entity.kind === 'hashtag') {
      html += `<a href="${escapeHtml(options.tagUrl(entity.tag.toLowerCase()))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(entity.tag)}</span></a>`;
    } else {
      const account = options.mention(entity.ref);
      html += account
        ? `<span class="h-card" translate="no"><a href="${escapeHtml(account.url)}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`
        : escapeHtml(raw);
    }
    at = entity.end;
  }
  return html + escapeHtml(text.slice(at));
}
