import { z } from 'zod';
import { SealedData, snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per status for its link preview: the first card fetched for a status is its card. */
export const previewCardStream = (statusId: string) => `preview-card-${statusId}`;

const text = (max: number) => z.string().max(max);
const link = z.string().url().max(2048).nullable();

/** Mastodon's PreviewCard, as fetched from the page a status links to (OpenGraph, Twitter cards, oEmbed). */
export const PreviewCard = z.object({
  url: z.string().url().max(2048),
  title: text(300),
  description: text(1000),
  type: z.enum(['link', 'photo', 'video', 'rich']),
  authorName: text(300),
  authorUrl: link,
  providerName: text(300),
  providerUrl: link,
  /** An oEmbed player: sanitized to one https iframe. */
  html: text(5000),
  width: z.number().int().min(0).max(10_000),
  height: z.number().int().min(0).max(10_000),
  image: link,
  language: z.string().max(10).nullable(),
});
export type PreviewCard = z.infer<typeof PreviewCard>;

/** The card of a status's first link; sealed with the author's key like the status it came from (the link is the author's). */
export const StatusPreviewCardFetched = defineEvent(
  'StatusPreviewCardFetched',
  1,
  z.object({ statusId: snowflakeId, accountId: snowflakeId, card: SealedData, at: z.iso.datetime() }),
);

export const previewCardEvents = [StatusPreviewCardFetched] as const;
