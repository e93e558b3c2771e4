import type { EventMetadata } from '@strata/kernel';
import { type QuotePolicy, statusStream } from '@strata/contracts';
import { statusDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** The author changes who may quote the status. */
export async function setQuotePolicy(deps: CommandDeps, input: { statusId: string; accountId: string; quotePolicy: QuotePolicy }, metadata: EventMetadata) {
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, { type: 'SetQuotePolicy', ...input, at: deps.clock.now() }, metadata);
}

/** The quoted status's author withdraws the quote of it by the quoting status `statusId`. */
export async function revokeQuote(deps: CommandDeps, input: { statusId: string; byAccountId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, statusStream(input.statusId), statusDecider, { type: 'RevokeQuote', ...input, at: deps.clock.now() }, metadata);
}
