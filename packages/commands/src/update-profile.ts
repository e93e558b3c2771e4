import { type EventMetadata, NotFoundError, foldEvents } from '@strata/kernel';
import { type AccountSettings, type ProfileContent, accountStream, strataEvents } from '@strata/contracts';
import { type AccountEvent, accountDecider } from '@strata/domain';
import type { PersonalDataVault } from '@strata/personal-data';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

export interface ProfileChanges {
  profile?: Partial<ProfileContent>;
  settings?: Partial<AccountSettings>;
}

const EMPTY_PROFILE: ProfileContent = { displayName: '', note: '', fields: [], avatar: null, header: null };

/**
 * Applies a partial profile update: the stored profile is opened, merged with the
 * change and sealed again, so the event always carries the whole profile.
 */
export async function updateAccountProfile(
  deps: CommandDeps & { personalData: PersonalDataVault },
  accountId: string,
  changes: ProfileChanges,
  metadata: EventMetadata,
) {
  const stream = accountStream(accountId);
  const events = (await deps.store.readStream(stream)).flatMap((event) => strataEvents.decode(event) ?? []);
  const state = foldEvents(accountDecider, events as AccountEvent[]);
  if (!state.registered) throw new NotFoundError();

  const current = state.profile ? ((await deps.personalData.unseal<ProfileContent>(state.profile)) ?? EMPTY_PROFILE) : EMPTY_PROFILE;
  const profile = changes.profile && Object.keys(changes.profile).length > 0
    ? await deps.personalData.seal(accountId, { ...current, ...changes.profile })
    : undefined;
  const settings = changes.settings ? { ...state.settings, ...changes.settings } : undefined;
  const command = { type: 'UpdateProfile' as const, accountId, at: deps.clock.now(), ...(profile && { profile }), ...(settings && { settings }) };
  return handleCommand(deps.store, stream, accountDecider, command, metadata);
}
