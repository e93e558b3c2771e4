import { accountsProjection } from './accounts/accounts.view.ts';
import { instanceSettingsProjection } from './instance/instance-settings.view.ts';
import type { Projection } from './projection/projection.ts';

export * from './projection/projection.ts';
export * from './projection/progress.ts';
export * from './accounts/accounts.view.ts';
export * from './instance/instance-stats.ts';
export * from './instance/instance-settings.view.ts';

/** Every projection the projector runs, in the order it applies them to one event. */
export const allProjections: readonly Projection[] = [accountsProjection, instanceSettingsProjection];
