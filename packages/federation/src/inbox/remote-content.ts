import { Article, Audio, Event, Image, Link, Note, Page, Question, Video } from '@fedify/vocab';
import { sanitizeRemoteHtml } from './sanitize.ts';

/** What Mastodon shows as a status: notes and questions as they are, other objects converted to a title and a link. */
export type NoteLike = Note | Question | Article | Page | Image | Video | Audio | Event;
const CONVERTED = [Article, Page, Image, Video, Audio, Event] as const;
export const isNoteLike = (object: unknown): object is NoteLike => object instanceof Note || object instanceof Question || CONVERTED.some((type) => object instanceof type);

/**
 * A remote object's status text as Mastodon renders it: a note's or question's content
 * and content warning (a question's options make its poll, see remote-poll.ts);
 * an article, page, image, video or event converted to its title, summary and a link to it.
 */
export function remoteContentOf(object: NoteLike) {
  const summary = object.summary?.toString() ?? '';
  if (object instanceof Note || object instanceof Question) return { html: sanitizeRemoteHtml(object.content?.toString() ?? ''), summary };
  const title = object.name?.toString() ?? '';
  const url = htmlUrlOf(object) ?? object.id!.href;
  const parts = [title && `<h2>${escapeHtml(title)}</h2>`, summary && `<p>${escapeHtml(summary)}</p>`, `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`];
  return { html: sanitizeRemoteHtml(parts.join('')), summary: '' };
}

/** The object's web page: its `url` (the text/html one when it lists several), on its own origin. */
export function htmlUrlOf(object: NoteLike): string | null {
  const urls = object.urls.map((url) => (url instanceof Link ? { href: url.href?.href, type: url.mediaType } : { href: url.href, type: null }));
  const chosen = urls.find((url) => url.type === 'text/html') ?? urls.find((url) => url.type === null) ?? urls[0];
  return chosen?.href && new URL(chosen.href).origin === object.id!.origin ? chosen.href : null;
}

export function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
