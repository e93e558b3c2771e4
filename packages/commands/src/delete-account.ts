import { type EventMetadata, ValidationError } from '@strata/kernel';
import { closeAccountAccess, eraseAccountCredentials, verifyPassword } from '@strata/auth';
import { accountStream } from '@strata/contracts';
import { accountDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { UserDeps } from './register-local-user.ts';

/** Where an account's own files sit under the media storage. */
export const accountMediaPrefixes = (accountId: string) => [`accounts/avatars/${accountId}`, `accounts/headers/${accountId}`, `backups/${accountId}`];

export interface DeleteAccountDeps extends UserDeps {
  media: { deletePrefix(prefix: string): Promise<number> };
}

/** The owner deletes with their password; an operator (the CLI) without. */
export type DeleteAccountInput = { accountId: string; by: 'owner'; password: string } | { accountId: string; by: 'operator' };

/**
 * Erases an account, as Mastodon's "delete account" does. Validate (the owner's password),
 * decide and append `AccountDeleted` (projections then purge every read model), then erase
 * what lives outside the log: the personal-data key (every sealed event of the account
 * becomes unreadable), its media, its tokens and sessions, its e-mail and password hash.
 * Each step after the append is idempotent and the credentials go last, so a deletion cut
 * short is finished by running it again. The username reservation is never released.
 */
export async function deleteAccount(deps: DeleteAccountDeps, input: DeleteAccountInput, metadata: EventMetadata, progress: (step: string) => void = () => {}) {
  const { accountId } = input;
  if (input.by === 'owner') await checkOwnerPassword(deps, accountId, input.password);
  const stream = accountStream(accountId);
  const result = await handleCommand(deps.store, stream, accountDecider, { type: 'DeleteAccount', accountId, by: input.by, at: deps.clock.now() }, metadata);
  progress(result.appended > 0 ? 'recorded AccountDeleted' : 'the account was already deleted; finishing the erasure');
  // nothing may act as the account any more before its key goes
  const access = await closeAccountAccess(deps.vault, deps.clock, accountId);
  progress(`revoked ${access.tokens} token(s), ended ${access.sessions} session(s)`);
  await deps.personalData.shred(accountId);
  progress('shredded the personal-data key: its profile and statuses in the event log are unreadable');
  let files = 0;
  for (const prefix of accountMediaPrefixes(accountId)) files += await deps.media.deletePrefix(prefix);
  progress(`deleted ${files} media file(s)`);
  await eraseAccountCredentials(deps.vault, accountId);
  progress('removed the e-mail address and password');
  return { ...result, stream };
}

async function checkOwnerPassword(deps: DeleteAccountDeps, accountId: string, password: string) {
  const credentials = await deps.vault.credentials.get(accountId);
  if (!credentials || !(await verifyPassword(password, credentials.passwordHash))) {
    throw new ValidationError('Validation failed: Password is invalid', { password: [{ error: 'ERR_INVALID', description: 'is invalid' }] });
  }
}
