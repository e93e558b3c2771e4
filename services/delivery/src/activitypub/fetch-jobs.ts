import { z } from 'zod';
import { strataEvents } from '@strata/contracts';
import { type FederationDeps, type StrataFederation, backfillOutbox } from '@strata/federation';
import { PermanentJobError } from '@strata/job-queue';
import type { Processor, Reaction } from '../index.ts';

/** The job queue of fetches from peers that no request waits for (outbox backfills). */
export const FETCH_QUEUE = 'federation.fetch';

export const FetchJob = z.object({ type: z.literal('backfill-outbox'), accountId: z.string().regex(/^\d{1,20}$/) });

export const fetchReactions: Record<string, Reaction[]> = {
  RemoteAccountBackfillRequested: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type !== 'RemoteAccountBackfillRequested') return;
      await jobs.enqueue(FETCH_QUEUE, { type: 'backfill-outbox', accountId: event.data.accountId } satisfies z.infer<typeof FetchJob>);
    },
  ],
};

/** Backfills a remote account's recent statuses from its outbox. */
export function fetchProcessor(federation: StrataFederation, deps: FederationDeps): Processor {
  return async (payload) => {
    const parsed = FetchJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed fetch job: ${parsed.error.message}`);
    const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
    const recorded = await backfillOutbox(ctx, parsed.data.accountId);
    deps.logger.info({ accountId: parsed.data.accountId, recorded }, 'outbox backfilled');
  };
}
