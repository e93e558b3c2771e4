import type { FederationDeps, StrataFederation } from '@strata/federation';
import { type DeliveryDeps, combineWork } from '../index.ts';
import { FETCH_QUEUE, fetchProcessor, fetchReactions } from './fetch-jobs.ts';
import { OUTBOUND_QUEUE, outboundReactions } from './outbound-jobs.ts';
import { outboundProcessor } from './outbound.processor.ts';
import { interactionReactions } from './interaction-jobs.ts';
import { DOMAIN_PURGE_QUEUE, domainPurgeProcessor, domainPurgeReactions } from './domain-purge.ts';

export { OUTBOUND_QUEUE } from './outbound-jobs.ts';

/** The ActivityPub part of delivery: which events call for activities (or fetches), and the jobs that send (or fetch) them. */
export function activityPubDelivery(federation: StrataFederation, deps: FederationDeps): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  // several sets react to one event type (StatusToggled: pins and favourites): their reactions add up
  return combineWork(
    { reactions: outboundReactions, processors: { [OUTBOUND_QUEUE]: outboundProcessor(federation, deps) } },
    { reactions: interactionReactions, processors: {} },
    { reactions: fetchReactions, processors: { [FETCH_QUEUE]: fetchProcessor(federation, deps) } },
    { reactions: domainPurgeReactions, processors: { [DOMAIN_PURGE_QUEUE]: domainPurgeProcessor(deps) } },
  );
}
