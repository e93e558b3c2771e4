import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per account and year: a report is generated once and read once. */
export const annualReportStream = (accountId: string, year: number) => `annual-report-${accountId}-${year}`;

/** What Mastodon's AnnualReport entity carries as `data` (schema version 2). */
export const AnnualReportData = z.object({
  archetype: z.enum(['lurker', 'booster', 'pollster', 'replier', 'oracle']),
  time_series: z.array(z.object({ month: z.number().int().min(1).max(12), statuses: z.number().int().nonnegative(), following: z.number().int().nonnegative(), followers: z.number().int().nonnegative() })),
  top_hashtags: z.array(z.object({ name: z.string(), count: z.number().int().positive() })),
  top_statuses: z.object({ by_reblogs: snowflakeId.nullable(), by_favourites: snowflakeId.nullable(), by_replies: snowflakeId.nullable() }),
});
export type AnnualReportData = z.infer<typeof AnnualReportData>;

/** A local account's year on the instance, summed up from its own activity (Wrapstodon). */
export const AnnualReportGenerated = defineEvent(
  'AnnualReportGenerated',
  1,
  z.object({ accountId: snowflakeId, year: z.number().int().min(2000).max(9999), data: AnnualReportData, generatedAt: z.iso.datetime() }),
);

/** Its owner has seen the report: it leaves the list of pending ones. */
export const AnnualReportRead = defineEvent('AnnualReportRead', 1, z.object({ accountId: snowflakeId, year: z.number().int(), at: z.iso.datetime() }));

export const annualReportEvents = [AnnualReportGenerated, AnnualReportRead] as const;
