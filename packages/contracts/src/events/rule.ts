import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per instance rule. */
export const ruleStream = (ruleId: string) => `rule-${ruleId}`;

export const InstanceRuleAdded = defineEvent(
  'InstanceRuleAdded',
  1,
  z.object({ ruleId: snowflakeId, text: z.string().min(1).max(300), hint: z.string().max(1000), at: z.iso.datetime() }),
);
export const InstanceRuleRemoved = defineEvent('InstanceRuleRemoved', 1, z.object({ ruleId: snowflakeId, at: z.iso.datetime() }));

export const ruleEvents = [InstanceRuleAdded, InstanceRuleRemoved] as const;
