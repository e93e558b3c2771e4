import type { Response } from 'express';
import { requestRemoteBackfill } from '@strata/commands';
import { ASYNC_REFRESH_TTL_MS, type AccountDoc, accountStatusesRefreshId } from '@strata/views';
import { commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';

/** Seconds a client is told to wait before it looks again at a running refresh. */
const RETRY_SECONDS = 3;

/**
 * The first look at a remote account's statuses asks for its recent ones from its
 * outbox: an event that delivery turns into a fetch job, so the request never waits on
 * a peer. Repeated looks within a day ask nothing; a failure to ask never fails the read.
 * While the backfill runs, the answer says so as Mastodon does (`Mastodon-Async-Refresh`),
 * with an id the client may follow at /api/v1_alpha/async_refreshes/:id.
 */
export async function askBackfillOnFirstView(deps: ApiDeps, res: Response, account: AccountDoc, firstPage: boolean) {
  if (!account.remote || !firstPage) return;
  try {
    const { state } = await requestRemoteBackfill(await commandDeps(deps), account.id, metadataOf(res));
    if (!state.lastAt || state.finished || deps.clock.now().getTime() - Date.parse(state.lastAt) >= ASYNC_REFRESH_TTL_MS) return;
    res.setHeader('Mastodon-Async-Refresh', `id="${accountStatusesRefreshId(account.id, state.lastAt)}", retry=${RETRY_SECONDS}`);
  } catch (error) {
    deps.logger.warn({ err: error, accountId: account.id }, 'outbox backfill not requested');
  }
}
