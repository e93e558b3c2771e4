import type { Response } from 'express';
import { z } from 'zod';
import { ValidationError } from '@strata/kernel';
import { describeMedia } from '@strata/commands';
import { NOT_PROCESSED } from '@strata/domain';
import { mediaCollection } from '@strata/views';
import { commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { checkDescription, focusParam } from '../media/media-params.ts';

export const mediaAttributesParam = z
  .array(z.object({ id: z.string().regex(/^\d{1,20}$/), description: z.string().optional(), focus: focusParam.optional() }))
  .max(4);

/**
 * The attachments a status may get: at most four, the poster's own, processed, and not
 * attached to another status. Checked on the read model first for a clear 422; the
 * media streams decide for good when they are claimed.
 */
export async function checkStatusMedia(deps: ApiDeps, accountId: string, mediaIds: string[], statusId: string | null): Promise<string[]> {
  const ids = [...new Set(mediaIds)];
  if (ids.length > 4) throw new ValidationError('Validation failed: You can attach up to 4 files');
  if (ids.length === 0) return [];
  const docs = new Map((await mediaCollection(await deps.readModels()).getMany(ids)).map((doc) => [doc.id, doc]));
  const unusable = ids.filter((id) => {
    const doc = docs.get(id);
    return !doc || doc.accountId !== accountId || (doc.statusId !== null && doc.statusId !== statusId);
  });
  if (unusable.length) throw new ValidationError(`Validation failed: Media ${unusable.join(', ')} not found or already attached to another post`);
  if (ids.some((id) => docs.get(id)!.processing !== 'done')) throw new ValidationError(NOT_PROCESSED);
  return ids;
}

/** Descriptions and focal points changed with an edit (`media_attributes`), for attachments of that edit only. */
export async function applyMediaAttributes(deps: ApiDeps, res: Response, accountId: string, mediaIds: string[], attributes: z.infer<typeof mediaAttributesParam>) {
  const docs = new Map((await mediaCollection(await deps.readModels()).getMany(mediaIds)).map((doc) => [doc.id, doc]));
  for (const change of attributes) {
    const doc = docs.get(change.id);
    if (!doc || doc.accountId !== accountId) continue;
    checkDescription(change.description, deps.config.media.limits.descriptionLimit);
    await describeMedia(
      await commandDeps(deps),
      { mediaId: doc.id, accountId, description: change.description ?? doc.description, focus: change.focus ?? doc.focus, thumbnail: null },
      metadataOf(res),
    );
  }
}
