import type { Response } from 'express';
import { requestRemoteBackfill } from '@strata/commands';
import type { AccountDoc } from '@strata/views';
import { commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';

/**
 * The first look at a remote account's statuses asks for its recent ones from its
 * outbox: an event that delivery turns into a fetch job, so the request never waits on
 * a peer. Repeated looks within a day ask nothing; a failure to ask never fails the read.
 */
export async function askBackfillOnFirstView(deps: ApiDeps, res: Response, account: AccountDoc, firstPage: boolean) {
  if (!account.remote || !firstPage) return;
  try {
    await requestRemoteBackfill(await commandDeps(deps), account.id, metadataOf(res));
  } catch (error) {
    deps.logger.warn({ err: error, accountId: account.id }, 'outbox backfill not requested');
  }
}
