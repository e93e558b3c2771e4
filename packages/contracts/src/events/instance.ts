import { z } from 'zod';
import { defineEvent } from './registry.ts';

/** Settings an operator changes at run time (the CLI, later the admin API); one stream for the instance. */
export const INSTANCE_STREAM = 'instance-settings';

export const RegistrationMode = z.enum(['open', 'approval', 'closed']);
export type RegistrationMode = z.infer<typeof RegistrationMode>;

export const RegistrationModeChanged = defineEvent(
  'RegistrationModeChanged',
  1,
  z.object({ mode: RegistrationMode, changedAt: z.iso.datetime() }),
);

export const instanceEvents = [RegistrationModeChanged] as const;
