import type { EventMetadata } from '@strata/kernel';
import { type AnnualReportData, annualReportStream } from '@strata/contracts';
import { annualReportDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** Records an account's report for a year (computed by the caller from the read models); once per account and year. */
export async function generateAnnualReport(deps: CommandDeps, input: { accountId: string; year: number; data: AnnualReportData }, metadata: EventMetadata) {
  return handleCommand(deps.store, annualReportStream(input.accountId, input.year), annualReportDecider, { type: 'GenerateAnnualReport', ...input, at: deps.clock.now() }, metadata);
}

/** Its owner read the report (Mastodon's `POST /api/v1/annual_reports/:year/read`); a missing report is a 404. */
export async function readAnnualReport(deps: CommandDeps, input: { accountId: string; year: number }, metadata: EventMetadata) {
  return handleCommand(deps.store, annualReportStream(input.accountId, input.year), annualReportDecider, { type: 'ReadAnnualReport', ...input, at: deps.clock.now() }, metadata);
}
