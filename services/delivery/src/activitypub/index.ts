import type { FederationDeps, StrataFederation } from '@strata/federation';
import type { DeliveryDeps } from '../index.ts';
import { FETCH_QUEUE, fetchProcessor, fetchReactions } from './fetch-jobs.ts';
import { OUTBOUND_QUEUE, outboundReactions } from './outbound-jobs.ts';
import { outboundProcessor } from './outbound.processor.ts';
import { interactionReactions } from './interaction-jobs.ts';

export { OUTBOUND_QUEUE } from './outbound-jobs.ts';

/** The ActivityPub part of delivery: which events call for activities (or fetches), and the jobs that send (or fetch) them. */
export function activityPubDelivery(federation: StrataFederation, deps: FederationDeps): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  // the sets react to different event types
  return {
    reactions: { ...outboundReactions, ...interactionReactions, ...fetchReactions },
    processors: { [OUTBOUND_QUEUE]: outboundProcessor(federation, deps), [FETCH_QUEUE]: fetchProcessor(federation, deps) },
  };
}
