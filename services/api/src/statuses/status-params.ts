import { z } from 'zod';
import { formBoolean } from '../accounts/params.ts';
import { mediaAttributesParam } from './status-media.ts';
import { pollParam } from '../polls/poll-params.ts';

const statusId = z.string().regex(/^\d{1,20}$/);
/** Attachment ids, as a JSON array, `media_ids[]` form fields or one value; more than four is the 422 of checkStatusMedia. */
const mediaIds = z.union([z.string(), z.array(z.string()).max(40)]).transform((v) => (Array.isArray(v) ? v : [v]).filter((id) => id !== ''));

export const postStatusParams = z.object({
  status: z.string().default(''),
  in_reply_to_id: statusId.or(z.literal('')).optional(),
  sensitive: formBoolean.optional(),
  spoiler_text: z.string().max(1000).default(''),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']).optional(),
  language: z.string().regex(/^[a-z]{2,3}$/).or(z.literal('')).optional(),
  media_ids: mediaIds.optional(),
  poll: pollParam.optional(),
  scheduled_at: z.string().max(100).optional(),
  quoted_status_id: statusId.or(z.literal('')).optional(),
  quote_approval_policy: z.enum(['public', 'followers', 'nobody']).optional(),
});

export const editStatusParams = z.object({
  status: z.string().default(''),
  sensitive: formBoolean.optional(),
  spoiler_text: z.string().max(1000).optional(),
  language: z.string().regex(/^[a-z]{2,3}$/).or(z.literal('')).optional(),
  media_ids: mediaIds.optional(),
  media_attributes: mediaAttributesParam.optional(),
  poll: pollParam.optional(),
});

export const deleteParams = z.object({ delete_media: formBoolean.optional() });

export const reblogParams = z.object({ visibility: z.enum(['public', 'unlisted', 'private']).optional() });

export const idsParams = z.object({ id: z.union([statusId, z.array(statusId).max(40)]).transform((v) => (Array.isArray(v) ? v : [v])) });
export { statusId };
