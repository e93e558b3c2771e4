import type { JobQueue } from '@strata/job-queue';
import type { DeliveryDeps } from '../index.ts';
import { pushFanoutProcessor } from './push-fanout.ts';
import { PUSH_FANOUT_QUEUE, PUSH_SEND_QUEUE, type PushDeps, pushReactions } from './push-jobs.ts';
import { pushSendProcessor } from './push-send.ts';

export { PUSH_FANOUT_QUEUE, PUSH_SEND_QUEUE } from './push-jobs.ts';

/** The Web Push part of delivery: events that notify call for a fan-out, which calls for one send per device. */
export function webPushDelivery(deps: PushDeps, jobs: JobQueue): Pick<DeliveryDeps, 'reactions' | 'processors'> {
  return { reactions: pushReactions, processors: { [PUSH_FANOUT_QUEUE]: pushFanoutProcessor(deps, jobs), [PUSH_SEND_QUEUE]: pushSendProcessor(deps) } };
}
