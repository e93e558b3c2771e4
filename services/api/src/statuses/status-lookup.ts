import type { Response } from 'express';
import { NotFoundError } from '@strata/kernel';
import { type StatusDoc, mayViewStatus, statusesCollection } from '@strata/views';
import { callerOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';
import { statusId } from './status-params.ts';

/** The status the caller asked for, if they may see it; anything else is Mastodon's 404. */
export async function visibleStatus(deps: ApiDeps, res: Response, id: unknown): Promise<StatusDoc> {
  const parsed = statusId.safeParse(id);
  if (!parsed.success) throw new NotFoundError();
  const store = await deps.readModels();
  const status = await statusesCollection(store).get(parsed.data);
  if (!status || !(await mayViewStatus(store, callerOf(res)?.accountId ?? null, status, deps.clock.now()))) throw new NotFoundError();
  return status;
}
