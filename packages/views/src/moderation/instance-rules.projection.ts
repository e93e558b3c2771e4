import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

export interface InstanceRuleDoc extends Doc {
  text: string;
  hint: string;
  createdAt: string;
}

export const instanceRulesCollection = (store: ReadModelStore): Collection<InstanceRuleDoc> => store.collection<InstanceRuleDoc>('instance_rules');

/** The rules in force, oldest first (their order on the instance's about page). */
export async function instanceRules(store: ReadModelStore): Promise<InstanceRuleDoc[]> {
  return instanceRulesCollection(store).find({ sort: { field: 'id', direction: 'asc' } });
}

/** The instance's rules: the one source of truth for the instance entities and reports. */
export const instanceRulesProjection: Projection = {
  name: 'instance-rules',
  handles: new Set(['InstanceRuleAdded', 'InstanceRuleRemoved']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const rules = instanceRulesCollection(context.readModels);
    if (event?.type === 'InstanceRuleAdded') {
      await rules.upsert({ id: event.data.ruleId, text: event.data.text, hint: event.data.hint, createdAt: event.data.at });
    } else if (event?.type === 'InstanceRuleRemoved') {
      await rules.delete(event.data.ruleId);
    }
  },
};
