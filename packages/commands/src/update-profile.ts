import { type EventMetadata, NotFoundError, foldEvents } from '@strata/kernel';
import { type AccountSettings, type ProfileContent, accountStream, strataEvents } from '@strata/contracts';
import { type AccountEvent, accountDecider } from '@strata/domain';
import type { PersonalDataVault, Sealed } from '@strata/personal-data';
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
  const state = await accountStateOf(deps, accountId);
  if (!state.registered) throw new NotFoundError();

  const current = await profileOf(deps, state.profile);
  const profile = changes.profile && Object.keys(changes.profile).length > 0
    ? await deps.personalData.seal(accountId, { ...current, ...changes.profile })
    : undefined;
  const settings = changes.settings ? { ...state.settings, ...changes.settings } : undefined;
  const command = { type: 'UpdateProfile' as const, accountId, at: deps.clock.now(), ...(profile && { profile }), ...(settings && { settings }) };
  return handleCommand(deps.store, stream, accountDecider, command, metadata);
}

/** The account as its decider sees it, from its stream. */
export async function accountStateOf(deps: Pick<CommandDeps, 'store'>, accountId: string) {
  const events = (await deps.store.readStream(accountStream(accountId))).flatMap((event) => strataEvents.decode(event) ?? []);
  return foldEvents(accountDecider, events as AccountEvent[]);
}

/** The profile as its owner wrote it (empty when none was written or it was shredded). */
export async function profileOf(deps: { personalData: PersonalDataVault }, sealed: Sealed | null): Promise<ProfileContent> {
  return sealed ? ((await deps.personalData.unseal<ProfileContent>(sealed)) ?? EMPTY_PROFILE) : EMPTY_PROFILE;
}
