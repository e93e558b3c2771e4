import { type ScheduledStatusDoc } from '@strata/views';
import { mediaById, presentAttachments } from '@strata/presenters';
import type { ApiDeps } from '../http/deps.ts';

/** Mastodon's ScheduledStatus entities: the parameters as they will be posted, with their attachments. */
export async function presentScheduledStatuses(deps: ApiDeps, docs: ScheduledStatusDoc[]) {
  const media = await mediaById(await deps.readModels(), docs.flatMap((doc) => doc.mediaIds));
  return docs.map((doc) => ({
    id: doc.id,
    scheduled_at: doc.scheduledAt,
    params: {
      text: doc.text,
      poll: doc.poll && { options: doc.poll.options, expires_in: String(doc.poll.expiresIn), multiple: doc.poll.multiple, hide_totals: doc.poll.hideTotals },
      media_ids: doc.mediaIds.length > 0 ? doc.mediaIds : null,
      sensitive: doc.sensitive,
      spoiler_text: doc.spoilerText || null,
      visibility: doc.visibility,
      in_reply_to_id: doc.inReplyToId,
      language: doc.language,
      application_id: doc.applicationId === null ? null : Number(doc.applicationId) || doc.applicationId,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    },
    media_attachments: presentAttachments(deps.config, deps.media, doc.mediaIds, media),
  }));
}
