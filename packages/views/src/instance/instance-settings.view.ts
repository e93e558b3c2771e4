import type { RecordedEvent } from '@strata/kernel';
import { type RegistrationMode, strataEvents } from '@strata/contracts';
import type { Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

interface InstanceSettingsDoc extends Doc {
  registrationMode: RegistrationMode;
  revision: number;
}

const collection = (store: ReadModelStore) => store.collection<InstanceSettingsDoc>('instance_settings');

export const instanceSettingsProjection: Projection = {
  name: 'instance-settings',
  handles: new Set(['RegistrationModeChanged']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    if (event?.type !== 'RegistrationModeChanged') return;
    const current = await collection(context.readModels).get('instance');
    if (current && current.revision >= recorded.revision) return;
    await collection(context.readModels).upsert({ id: 'instance', registrationMode: event.data.mode, revision: recorded.revision });
  },
};

/** The registration mode in force: what the operator last set, else the configured one. */
export async function registrationMode(store: ReadModelStore, configured: RegistrationMode): Promise<RegistrationMode> {
  return (await collection(store).get('instance'))?.registrationMode ?? configured;
}
