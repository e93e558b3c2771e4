import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

export const TrendKind = z.enum(['tag', 'status', 'link']);
/** One stream per reviewed item (`key` is a tag name, a status id or a URL's hash). */
export const trendReviewStream = (kind: z.infer<typeof TrendKind>, key: string) => `trend-${kind}-${key}`;

/** A moderator let an item trend publicly (approved) or kept it off the public trends (rejected). */
export const TrendReviewed = defineEvent(
  'TrendReviewed',
  1,
  z.object({ kind: TrendKind, key: z.string().min(1).max(200), decision: z.enum(['approved', 'rejected']), byAccountId: snowflakeId, at: z.iso.datetime() }),
);

export const trendEvents = [TrendReviewed] as const;
