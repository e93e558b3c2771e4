import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { EventMetadata } from '@strata/kernel';
import { currentTrace } from '@strata/logging';
import { waitForProjection } from '@strata/views';
import { callerOf } from '../auth/authentication.ts';
import type { ApiDeps } from './deps.ts';

/** Dependencies of the command handlers, from the API's. */
export async function commandDeps(deps: ApiDeps) {
  return { store: await deps.eventStore(), ids: deps.ids, clock: deps.clock, personalData: await deps.personalData() };
}

/** Events caused by this request carry its caller and correlation id. */
export function metadataOf(res: Response): EventMetadata {
  const trace = currentTrace();
  const metadata: EventMetadata = { correlationId: trace?.correlationId ?? randomUUID() };
  const actor = callerOf(res)?.accountId;
  if (actor) metadata.actor = actor;
  if (trace?.requestId) metadata.causationId = trace.requestId;
  return metadata;
}

/** Read-your-writes: the caller's next read sees what the command wrote (waiting a bounded time). */
export async function projected(deps: ApiDeps, stream: string, result: { revision: number; appended: number } | undefined) {
  if (result && result.appended > 0) await waitForProjection(await deps.readModels(), stream, result.revision);
}
