import { type Decider, NotFoundError } from '@strata/kernel';
import type { EventOf, InstanceRuleAdded, InstanceRuleRemoved } from '@strata/contracts';

export type RuleEvent = EventOf<typeof InstanceRuleAdded> | EventOf<typeof InstanceRuleRemoved>;
export type RuleCommand = { type: 'AddRule'; ruleId: string; text: string; hint: string; at: Date } | { type: 'RemoveRule'; ruleId: string; at: Date };
export type RuleState = 'none' | 'active' | 'removed';

/** An instance rule: added once, removed once; a removed rule's id is never reused. */
export const ruleDecider: Decider<RuleCommand, RuleEvent, RuleState> = {
  initialState: () => 'none',
  evolve: (_state, event) => (event.type === 'InstanceRuleAdded' ? 'active' : 'removed'),
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'AddRule') {
      if (state !== 'none') return [];
      return [{ type: 'InstanceRuleAdded', data: { ruleId: command.ruleId, text: command.text, hint: command.hint, at } }];
    }
    if (state !== 'active') throw new NotFoundError();
    return [{ type: 'InstanceRuleRemoved', data: { ruleId: command.ruleId, at } }];
  },
};
