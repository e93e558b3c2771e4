import type { Request } from 'express';
import { ValidationError } from '@strata/kernel';
import { awaitProjection, commandDeps, commandMetadata, updateAccountProfile } from '@strata/commands';
import { uploadedFile } from '@strata/http';
import { InvalidImageError, storeProfileImage } from '@strata/media';
import { accountsCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import type { updateCredentialsParams } from './params.ts';
import type { z } from 'zod';

type UpdateParams = z.infer<typeof updateCredentialsParams>;

/** Stores an uploaded avatar or header and returns its media key; bad images are Mastodon's 422. */
async function storeUploadedProfileImage(deps: ApiDeps, req: Request, accountId: string, kind: 'avatar' | 'header') {
  const file = uploadedFile(req, kind);
  if (!file) return undefined;
  try {
    return await storeProfileImage(deps.media, accountId, kind, file.buffer);
  } catch (error) {
    if (error instanceof InvalidImageError) {
      throw new ValidationError(`Validation failed: ${error.message}`, { [kind]: [{ error: 'ERR_INVALID', description: error.message }] });
    }
    throw error;
  }
}

/** PATCH update_credentials: images first (they can be refused), then one command, then wait for the read model. */
export async function updateCredentials(deps: ApiDeps, req: Request, accountId: string, params: UpdateParams) {
  const avatar = await storeUploadedProfileImage(deps, req, accountId, 'avatar');
  const header = await storeUploadedProfileImage(deps, req, accountId, 'header');
  const profile = {
    ...(params.display_name !== undefined && { displayName: params.display_name }),
    ...(params.note !== undefined && { note: params.note }),
    ...(params.fields_attributes !== undefined && { fields: params.fields_attributes }),
    ...(avatar && { avatar }),
    ...(header && { header }),
  };
  const settings = {
    ...(params.locked !== undefined && { locked: params.locked }),
    ...(params.bot !== undefined && { bot: params.bot }),
    ...(params.discoverable !== undefined && { discoverable: params.discoverable }),
    ...(params.hide_collections !== undefined && { hideCollections: params.hide_collections }),
    ...(params.indexable !== undefined && { indexable: params.indexable }),
    ...(params.source?.privacy !== undefined && { defaultPrivacy: params.source.privacy }),
    ...(params.source?.sensitive !== undefined && { defaultSensitive: params.source.sensitive }),
    ...(params.source?.language !== undefined && { defaultLanguage: params.source.language || null }),
  };
  const result = await updateAccountProfile(await commandDeps(deps), accountId, { profile, settings }, commandMetadata(accountId));
  await awaitProjection(deps, result);
  return accountsCollection(await deps.readModels()).get(accountId);
}
