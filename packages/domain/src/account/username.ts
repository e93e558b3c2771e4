import { type Decider, ValidationError } from '@strata/kernel';
import { type EventOf, type UsernameReleased, type UsernameReserved, usernamePattern } from '@strata/contracts';

export type UsernameEvent = EventOf<typeof UsernameReserved> | EventOf<typeof UsernameReleased>;

export const MAX_USERNAME_LENGTH = 30;

/** Mastodon's rules for a local username; problems reported per field like Mastodon's 422. */
export function checkUsername(username: string): void {
  const problem =
    username.length === 0
      ? { error: 'ERR_BLANK', description: "can't be blank" }
      : username.length > MAX_USERNAME_LENGTH
        ? { error: 'ERR_TOO_LONG', description: `is too long (maximum is ${MAX_USERNAME_LENGTH} characters)` }
        : !usernamePattern.test(username)
          ? { error: 'ERR_INVALID', description: 'must contain only letters, numbers and underscores' }
          : undefined;
  if (problem) throw new ValidationError(`Validation failed: Username ${problem.description}`, { username: [problem] });
}

export type UsernameCommand = ReserveUsername | { type: 'ReleaseUsername'; username: string; accountId: string };

export interface ReserveUsername {
  type: 'ReserveUsername';
  username: string;
  accountId: string;
  /** Take over a reservation whose account was never written (its registration died half-way). */
  abandonedBy?: string;
}

export type UsernameState = { holder: string | null };

/** A username stream makes usernames unique through the store's own concurrency check. */
export const usernameDecider: Decider<UsernameCommand, UsernameEvent, UsernameState> = {
  initialState: () => ({ holder: null }),
  evolve: (_state, event) => ({ holder: event.type === 'UsernameReserved' ? event.data.accountId : null }),
  decide(command, state) {
    if (command.type === 'ReleaseUsername') {
      if (state.holder !== command.accountId) return [];
      return [{ type: 'UsernameReleased', data: { username: command.username, accountId: command.accountId } }];
    }
    const free = state.holder === null || state.holder === command.abandonedBy;
    if (!free && state.holder !== command.accountId) throw usernameTaken();
    if (state.holder === command.accountId) return [];
    return [{ type: 'UsernameReserved', data: { username: command.username, accountId: command.accountId } }];
  },
};

export function usernameTaken(): ValidationError {
  return new ValidationError('Validation failed: Username has already been taken', {
    username: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
  });
}
