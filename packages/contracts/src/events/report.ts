import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per report: filing, assignment and resolution are decided on it. */
export const reportStream = (reportId: string) => `report-${reportId}`;

export const ReportCategory = z.enum(['spam', 'legal', 'violation', 'other']);
export type ReportCategory = z.infer<typeof ReportCategory>;

/** Someone asked the moderators to look at an account (and some of its statuses). The reporter is the event's actor. */
export const ReportFiled = defineEvent(
  'ReportFiled',
  1,
  z.object({
    reportId: snowflakeId,
    accountId: snowflakeId,
    targetAccountId: snowflakeId,
    statusIds: z.array(snowflakeId),
    comment: z.string().max(1000),
    category: ReportCategory,
    ruleIds: z.array(z.string()),
    forward: z.boolean(),
    at: z.iso.datetime(),
  }),
);

/** A moderator took the report (or gave it back: assigneeId null). */
export const ReportAssigned = defineEvent('ReportAssigned', 1, z.object({ reportId: snowflakeId, assigneeId: snowflakeId.nullable(), at: z.iso.datetime() }));

/** A moderator closed the report (resolved: true) or opened it again. */
export const ReportResolutionChanged = defineEvent(
  'ReportResolutionChanged',
  1,
  z.object({ reportId: snowflakeId, resolved: z.boolean(), byAccountId: snowflakeId, at: z.iso.datetime() }),
);

export const reportEvents = [ReportFiled, ReportAssigned, ReportResolutionChanged] as const;
