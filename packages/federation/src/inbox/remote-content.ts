import type { Context } from '@fedify/fedify';
import { Article, Audio, Event, Image, Link, Note, Page, Question, Video } from '@fedify/vocab';
import { sanitizeRemoteHtml } from './sanitize.ts';

/** What Mastodon shows as a status: notes and questions as they are, other objects converted to a title and a link. */
export type NoteLike = Note | Question | Article | Page | Image | Video | Audio | Event;
const CONVERTED = [Article, Page, Image, Video, Audio, Event] as const;
export const isNoteLike = (object: unknown): object is NoteLike => object instanceof Note || object instanceof Question || CONVERTED.some((type) => object instanceof type);

/** Mastodon's limits on a poll's options: more are not shown. */
const MAX_OPTIONS = 20;

/**
 * A remote object's status text as Mastodon renders it: a note's content and content
 * warning; a question's content with its options listed (polls are shown, not voted on);
 * an article, page, image, video or event converted to its title, summary and a link to it.
 */
export async function remoteContentOf(ctx: Context<unknown>, object: NoteLike) {
  const summary = object.summary?.toString() ?? '';
  if (object instanceof Note || object instanceof Question) {
    const options = object instanceof Question ? await optionsOf(ctx, object) : [];
    const list = options.length ? `<ul>${options.map((option) => `<li>${escapeHtml(option)}</li>`).join('')}</ul>` : '';
    return { html: sanitizeRemoteHtml(`${object.content?.toString() ?? ''}${list}`), summary };
  }
  const title = object.name?.toString() ?? '';
  const url = htmlUrlOf(object) ?? object.id!.href;
  const parts = [title && `<h2>${escapeHtml(title)}</h2>`, summary && `<p>${escapeHtml(summary)}</p>`, `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`];
  return { html: sanitizeRemoteHtml(parts.join('')), summary: '' };
}

async function optionsOf(ctx: Context<unknown>, question: Question): Promise<string[]> {
  const names: string[] = [];
  const options = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true };
  for (const list of [question.getExclusiveOptions(options), question.getInclusiveOptions(options)]) {
    for await (const option of list) if (option instanceof Note && option.name) names.push(option.name.toString());
  }
  return names.slice(0, MAX_OPTIONS);
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
