import { type EventMetadata, ValidationError } from '@strata/kernel';
import { type Vault, hashPassword } from '@strata/auth';
import type { AccountRole } from '@strata/contracts';
import { checkUsername } from '@strata/domain';
import type { PersonalDataVault } from '@strata/personal-data';
import { type CommandDeps, registerAccount } from './register-account.ts';

export interface RegisterLocalUserInput {
  username: string;
  email: string;
  password: string;
  locale: string;
  reason: string | null;
  role: AccountRole;
  approved: boolean;
  confirmed: boolean;
  ip: string | null;
}

export interface UserDeps extends CommandDeps {
  vault: Vault;
  personalData: PersonalDataVault;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A person signing up: credentials go to the vault (never into events), the account
 * and its username reservation into the event store. Every check that can fail runs
 * before anything is written, so a refused sign-up leaves nothing behind.
 */
export async function registerLocalUser(deps: UserDeps, input: RegisterLocalUserInput, metadata: EventMetadata) {
  checkUsername(input.username);
  checkEmailAndPassword(input.email, input.password);
  const emailLower = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  if (await deps.vault.credentials.count({ emailLower })) throw emailTaken();

  const { accountId, position, written } = await registerAccount(
    deps,
    { username: input.username, role: input.role, approved: input.approved },
    metadata,
    async (newAccountId) => {
      // runs after the username is ours and before the account exists: the last fallible steps
      const now = deps.clock.now().toISOString();
      const claimed = await deps.vault.credentials.insert({
        id: newAccountId,
        usernameLower: input.username.toLowerCase(),
        email: input.email,
        emailLower,
        passwordHash,
        confirmedAt: input.confirmed ? now : null,
        approved: input.approved,
        locale: input.locale,
        reason: input.reason,
        createdAt: now,
        signUpIp: input.ip,
      });
      if (!claimed || (await deps.vault.credentials.count({ emailLower })) > 1) {
        await deps.vault.credentials.delete(newAccountId);
        throw emailTaken();
      }
      await deps.personalData.ensureSubject(newAccountId);
    },
  );
  return { accountId, position, written };
}

export function checkEmailAndPassword(email: string, password: string) {
  const details: Record<string, { error: string; description: string }[]> = {};
  if (!EMAIL.test(email) || email.length > 320) details['email'] = [{ error: 'ERR_INVALID', description: 'is invalid' }];
  if (password.length < 8) details['password'] = [{ error: 'ERR_TOO_SHORT', description: 'is too short (minimum is 8 characters)' }];
  if (password.length > 72) details['password'] = [{ error: 'ERR_TOO_LONG', description: 'is too long (maximum is 72 characters)' }];
  if (Object.keys(details).length) {
    const first = Object.entries(details)[0]!;
    throw new ValidationError(`Validation failed: ${capitalize(first[0])} ${first[1][0]!.description}`, details);
  }
}

function emailTaken() {
  return new ValidationError('Validation failed: Email has already been taken', {
    email: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
  });
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
