import type { EventMetadata } from '@strata/kernel';
import { domainBlockStream, reportStream } from '@strata/contracts';
import { type ReportCommand, domainBlockDecider, reportDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

type Filing = Omit<Extract<ReportCommand, { type: 'FileReport' }>, 'type' | 'reportId' | 'at'>;
type Handling = Exclude<ReportCommand, { type: 'FileReport' }>;
type WithoutTime<C> = C extends { at: Date } ? Omit<C, 'at'> : C;

/** Files a new report on its own stream; the reporter is the metadata's actor. */
export async function fileReport(deps: CommandDeps, input: Filing, metadata: EventMetadata) {
  const reportId = deps.ids.next();
  const result = await handleCommand(deps.store, reportStream(reportId), reportDecider, { type: 'FileReport', reportId, ...input, at: deps.clock.now() }, metadata);
  return { ...result, reportId };
}

/** Assignment and resolution by a moderator (the metadata's actor). */
export async function handleReport(deps: CommandDeps, command: WithoutTime<Handling>, metadata: EventMetadata) {
  const full = { ...command, at: deps.clock.now() } as Handling;
  return handleCommand(deps.store, reportStream(command.reportId), reportDecider, full, metadata);
}

/** A user hides (or shows again) a whole server. */
export async function setDomainBlock(deps: CommandDeps, input: { accountId: string; domain: string; blocked: boolean }, metadata: EventMetadata) {
  return handleCommand(deps.store, domainBlockStream(input.accountId, input.domain), domainBlockDecider, { type: 'SetDomainBlock', ...input, at: deps.clock.now() }, metadata);
}
