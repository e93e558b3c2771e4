import { PermanentJobError } from '@strata/job-queue';
import type { FederationDeps, StrataFederation } from '@strata/federation';
import { sendActorUpdate } from './actor-activities.ts';
import { sendActorDelete } from './actor-deletion.ts';
import { sendAnnounce, sendBlock, sendLike } from './interaction-activities.ts';
import { sendFeaturedChange } from './featured-activities.ts';
import { answerFollow, sendFollow } from './follow-responses.ts';
import { forwardReport } from './report-activities.ts';
import { sendPollVote } from './poll-vote-activities.ts';
import { OutboundJob } from './outbound-jobs.ts';
import { sendDelete, sendStatus } from './status-activities.ts';

/**
 * Renders each outbound job as an activity and hands it to Fedify, whose own queues
 * (our job queue again) sign it and deliver it to every inbox, with retries.
 */
export function outboundProcessor(federation: StrataFederation, deps: FederationDeps) {
  return async (payload: unknown) => {
    const parsed = OutboundJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed outbound job: ${parsed.error.message}`);
    const job = parsed.data;
    switch (job.type) {
      case 'accept-follow':
      case 'reject-follow':
        return answerFollow(federation, deps, job);
      case 'create-status':
      case 'update-status':
        return sendStatus(federation, deps, job);
      case 'delete-status':
        return sendDelete(federation, deps, job);
      case 'send-follow':
      case 'undo-follow':
        return sendFollow(federation, deps, job);
      case 'update-actor':
        return sendActorUpdate(federation, deps, job);
      case 'like':
      case 'undo-like':
        return sendLike(federation, deps, job);
      case 'announce':
      case 'undo-announce':
        return sendAnnounce(federation, deps, job);
      case 'block':
      case 'unblock':
        return sendBlock(federation, deps, job);
      case 'delete-actor':
        return sendActorDelete(federation, deps, job);
      case 'pin-status':
        return sendFeaturedChange(federation, deps, job);
      case 'forward-report':
        return forwardReport(federation, deps, job);
      case 'poll-vote':
        return sendPollVote(federation, deps, job);
    }
  };
}
