import type { EventMetadata } from '@strata/kernel';
import { type VerifiedFieldContent, accountStream } from '@strata/contracts';
import { accountDecider } from '@strata/domain';
import type { PersonalDataVault } from '@strata/personal-data';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';
import { accountStateOf, profileOf } from './update-profile.ts';

type Deps = CommandDeps & { personalData: PersonalDataVault };

/** A local profile whose links are to be verified: its fields as written, and when it was written. */
export interface ProfileToVerify {
  username: string;
  fields: VerifiedFieldContent[];
  profileUpdatedAt: string;
}

/** The account's current profile, when it has one and the account is live (null otherwise). */
export async function profileToVerify(deps: Deps, accountId: string): Promise<ProfileToVerify | null> {
  const state = await accountStateOf(deps, accountId);
  if (!state.registered || state.deleted || state.suspended || !state.profile || !state.profileUpdatedAt) return null;
  const { fields } = await profileOf(deps, state.profile);
  return { username: state.username, fields, profileUpdatedAt: state.profileUpdatedAt };
}

/**
 * Records the fields whose pages link back to the account, each sealed with the account's
 * key. Nothing is recorded when the profile changed since it was read: its own check follows.
 */
export async function recordVerifiedFields(deps: Deps, accountId: string, verified: { fields: VerifiedFieldContent[]; profileUpdatedAt: string }, metadata: EventMetadata) {
  const fields = await Promise.all(verified.fields.map((field) => deps.personalData.seal(accountId, { name: field.name, value: field.value })));
  const command = { type: 'VerifyFields' as const, accountId, fields, profileUpdatedAt: verified.profileUpdatedAt, at: deps.clock.now() };
  return handleCommand(deps.store, accountStream(accountId), accountDecider, command, metadata);
}
