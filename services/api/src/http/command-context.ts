import type { Response } from 'express';
import type { EventMetadata } from '@strata/kernel';
import { commandMetadata } from '@strata/commands';
import { callerOf } from '../auth/authentication.ts';

export { awaitProjection, commandDeps } from '@strata/commands';

/** Events caused by this request carry its caller and correlation id. */
export function metadataOf(res: Response): EventMetadata {
  return commandMetadata(callerOf(res)?.accountId);
}
