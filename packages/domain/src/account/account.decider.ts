import { type Decider, NotFoundError, ValidationError } from '@strata/kernel';
import {
  type AccountAliasesChanged,
  type AccountApproved,
  type AccountDeleted,
  type AccountFieldVerified,
  type AccountProfileUpdated,
  type AccountRegistered,
  type AccountRole,
  type AccountRoleChanged,
  type AccountSettings,
  type AccountSettingsChanged,
  type AccountSuspensionChanged,
  type AccountLimitsChanged,
  type AccountWarned,
  type EventOf,
  type ModerationAction,
  type RemoteAccountFetched,
  defaultAccountSettings,
} from '@strata/contracts';
import { checkUsername } from './username.ts';

export type AccountEvent =
  | EventOf<typeof AccountRegistered>
  | EventOf<typeof AccountProfileUpdated>
  | EventOf<typeof AccountFieldVerified>
  | EventOf<typeof AccountSettingsChanged>
  | EventOf<typeof AccountApproved>
  | EventOf<typeof AccountRoleChanged>
  | EventOf<typeof AccountSuspensionChanged>
  | EventOf<typeof AccountDeleted>
  | EventOf<typeof AccountLimitsChanged>
  | EventOf<typeof AccountWarned>
  | EventOf<typeof AccountAliasesChanged>
  // a remote account's stream begins with its fetch: moderators act on it as on a local one
  | EventOf<typeof RemoteAccountFetched>;

/** Moderation limits short of suspension. */
export interface AccountLimits {
  silenced: boolean;
  sensitized: boolean;
  signInDisabled: boolean;
}
const noLimits: AccountLimits = { silenced: false, sensitized: false, signInDisabled: false };

type SealedProfile = EventOf<typeof AccountProfileUpdated>['data']['profile'];

export type AccountCommand =
  | { type: 'RegisterAccount'; accountId: string; username: string; role: AccountRole; approved: boolean; at: Date }
  | { type: 'UpdateProfile'; accountId: string; profile?: SealedProfile; settings?: AccountSettings; at: Date }
  | { type: 'ApproveAccount'; accountId: string; at: Date }
  | { type: 'ChangeRole'; accountId: string; role: AccountRole }
  | { type: 'SetSuspension'; accountId: string; suspended: boolean; at: Date }
  | { type: 'DeleteAccount'; accountId: string; by: 'owner' | 'operator'; at: Date }
  | { type: 'SetLimits'; accountId: string; limits: Partial<AccountLimits>; at: Date }
  | { type: 'Warn'; accountId: string; action: ModerationAction; text: string; reportId: string | null; at: Date }
  | { type: 'SetAliases'; accountId: string; aliases: SealedProfile; at: Date }
  /** Fields whose links were verified against the profile as it stood at `profileUpdatedAt`. */
  | { type: 'VerifyFields'; accountId: string; fields: SealedProfile[]; profileUpdatedAt: string; at: Date };

export type AccountState =
  | { registered: false }
  | {
      registered: true;
      username: string;
      role: AccountRole;
      approved: boolean;
      settings: AccountSettings;
      profile: SealedProfile | null;
      /** When the profile last changed: a verification made against an older profile is stale. */
      profileUpdatedAt: string | null;
      suspended: boolean;
      limits: AccountLimits;
      /** Erased: nothing may change it again, and its username stays reserved. */
      deleted: boolean;
    };

type Registered = Extract<AccountState, { registered: true }>;

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: () => ({ registered: false }),

  evolve(state, event) {
    if (event.type === 'AccountRegistered') {
      const { username, role, approved } = event.data;
      return { registered: true, username, role, approved, settings: defaultAccountSettings, profile: null, profileUpdatedAt: null, suspended: false, limits: noLimits, deleted: false };
    }
    if (event.type === 'RemoteAccountFetched') {
      if (state.registered) return state;
      return { registered: true, username: event.data.username, role: 'user', approved: true, settings: defaultAccountSettings, profile: null, profileUpdatedAt: null, suspended: false, limits: noLimits, deleted: false };
    }
    if (!state.registered) return state;
    switch (event.type) {
      case 'AccountProfileUpdated':
        return { ...state, profile: event.data.profile, profileUpdatedAt: event.data.updatedAt };
      case 'AccountSettingsChanged':
        return { ...state, settings: event.data.settings };
      case 'AccountApproved':
        return { ...state, approved: true };
      case 'AccountRoleChanged':
        return { ...state, role: event.data.role };
      case 'AccountSuspensionChanged':
        return { ...state, suspended: event.data.suspended };
      case 'AccountDeleted':
        return { ...state, deleted: true, profile: null };
      case 'AccountLimitsChanged': {
        const { silenced, sensitized, signInDisabled } = event.data;
        return { ...state, limits: { silenced, sensitized, signInDisabled } };
      }
      case 'AccountWarned':
      case 'AccountAliasesChanged':
      case 'AccountFieldVerified':
        return state;
      default:
        // a remote account's stream holds its moves and backfill requests too: nothing decided here
        return state;
    }
  },

  decide(command, state) {
    if (command.type === 'RegisterAccount') {
      if (state.registered) throw new ValidationError('Account already exists');
      checkUsername(command.username);
      const { accountId, username, role, approved, at } = command;
      return [{ type: 'AccountRegistered', data: { accountId, username, role, approved, registeredAt: at.toISOString() } }];
    }
    if (!state.registered) throw new NotFoundError();
    if (state.deleted) {
      // deleting again changes nothing (a retried erasure finishes its work); anything else finds no account
      if (command.type === 'DeleteAccount') return [];
      throw new NotFoundError();
    }
    return decideOnRegistered(command, state);
  },
};

function decideOnRegistered(command: Exclude<AccountCommand, { type: 'RegisterAccount' }>, state: Registered): AccountEvent[] {
  const { accountId } = command;
  switch (command.type) {
    case 'UpdateProfile': {
      const events: AccountEvent[] = [];
      if (command.settings && !sameSettings(command.settings, state.settings)) {
        events.push({ type: 'AccountSettingsChanged', data: { accountId, settings: command.settings } });
      }
      if (command.profile) {
        events.push({ type: 'AccountProfileUpdated', data: { accountId, profile: command.profile, updatedAt: command.at.toISOString() } });
      }
      return events;
    }
    case 'ApproveAccount':
      return state.approved ? [] : [{ type: 'AccountApproved', data: { accountId, approvedAt: command.at.toISOString() } }];
    case 'ChangeRole':
      return state.role === command.role ? [] : [{ type: 'AccountRoleChanged', data: { accountId, role: command.role } }];
    case 'SetSuspension':
      return state.suspended === command.suspended
        ? []
        : [{ type: 'AccountSuspensionChanged', data: { accountId, suspended: command.suspended, at: command.at.toISOString() } }];
    case 'SetLimits': {
      const limits = { ...state.limits, ...command.limits };
      if (sameLimits(limits, state.limits)) return [];
      return [{ type: 'AccountLimitsChanged', data: { accountId, ...limits, at: command.at.toISOString() } }];
    }
    case 'Warn': {
      const { action, text, reportId } = command;
      return [{ type: 'AccountWarned', data: { accountId, action, text, reportId, at: command.at.toISOString() } }];
    }
    case 'SetAliases':
      return [{ type: 'AccountAliasesChanged', data: { accountId, aliases: command.aliases, at: command.at.toISOString() } }];
    case 'VerifyFields':
      // the profile changed while its links were fetched: the newer profile gets its own check
      if (command.profileUpdatedAt !== state.profileUpdatedAt) return [];
      return command.fields.map((field) => ({ type: 'AccountFieldVerified', data: { accountId, field, verifiedAt: command.at.toISOString() } }));
    case 'DeleteAccount':
      return [{ type: 'AccountDeleted', data: { accountId, username: state.username, by: command.by, deletedAt: command.at.toISOString() } }];
  }
}

function sameLimits(a: AccountLimits, b: AccountLimits): boolean {
  return a.silenced === b.silenced && a.sensitized === b.sensitized && a.signInDisabled === b.signInDisabled;
}

function sameSettings(a: AccountSettings, b: AccountSettings): boolean {
  return (Object.keys(a) as (keyof AccountSettings)[]).every((key) => a[key] === b[key]);
}
