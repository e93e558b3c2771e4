import { z } from 'zod';
import { commandDeps, commandMetadata, finishRemoteBackfill } from '@strata/commands';
import { strataEvents } from '@strata/contracts';
import { type FederationDeps, type StrataFederation, backfillOutbox } from '@strata/federation';
import { PermanentJobError } from '@strata/job-queue';
import type { Processor, Reaction } from '../index.ts';

/** The job queue of fetches from peers that no request waits for (outbox backfills). */
export const FETCH_QUEUE = 'federation.fetch';

// requestedAt names the request the job answers (absent from jobs queued before it was carried)
export const FetchJob = z.object({ type: z.literal('backfill-outbox'), accountId: z.string().regex(/^\d{1,20}$/), requestedAt: z.iso.datetime().optional() });

export const fetchReactions: Record<string, Reaction[]> = {
  RemoteAccountBackfillRequested: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'RemoteAccountBackfillRequested') return;
      await jobs.enqueue(FETCH_QUEUE, { type: 'backfill-outbox', accountId: event.data.accountId, requestedAt: event.data.at } satisfies z.infer<typeof FetchJob>);
    },
  ],
};

/** Backfills a remote account's recent statuses from its outbox, then says the request finished (clients poll it as an async refresh). */
export function fetchProcessor(federation: StrataFederation, deps: FederationDeps): Processor {
  return async (payload) => {
    const parsed = FetchJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed fetch job: ${parsed.error.message}`);
    const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
    const { accountId, requestedAt } = parsed.data;
    const recorded = await backfillOutbox(ctx, accountId);
    if (requestedAt) await finishRemoteBackfill(await commandDeps(deps), { accountId, requestedAt, recorded }, commandMetadata(null));
    deps.logger.info({ accountId: parsed.data.accountId, recorded }, 'outbox backfilled');
  };
}
