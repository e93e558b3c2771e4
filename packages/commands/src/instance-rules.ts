import type { EventMetadata } from '@strata/kernel';
import { ruleStream } from '@strata/contracts';
import { ruleDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/** Adds an instance rule (shown by /api/v1/instance/rules and /api/v2/instance, cited by reports). */
export async function addInstanceRule(deps: CommandDeps, input: { text: string; hint: string }, metadata: EventMetadata) {
  const ruleId = deps.ids.next();
  const result = await handleCommand(deps.store, ruleStream(ruleId), ruleDecider, { type: 'AddRule', ruleId, ...input, at: deps.clock.now() }, metadata);
  return { ...result, ruleId };
}

export async function removeInstanceRule(deps: CommandDeps, input: { ruleId: string }, metadata: EventMetadata) {
  return handleCommand(deps.store, ruleStream(input.ruleId), ruleDecider, { type: 'RemoveRule', ruleId: input.ruleId, at: deps.clock.now() }, metadata);
}
