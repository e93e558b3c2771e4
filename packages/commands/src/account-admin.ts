import { type EventMetadata, NotFoundError } from '@strata/kernel';
import { type Vault, closeAccountAccess, hashPassword } from '@strata/auth';
import { type AccountRole, accountStream } from '@strata/contracts';
import { accountDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import { checkEmailAndPassword } from './register-local-user.ts';
import type { CommandDeps } from './register-account.ts';
import type { StatusDeps } from './statuses.ts';

export type VaultDeps = CommandDeps & { vault: Vault };

/**
 * Suspension: recorded on the account stream (projections hide the account everywhere),
 * then sign-in disabled and every token and browser session ended. The vault side is
 * applied even when the stream already says so, so a retried command finishes the job.
 */
export async function setAccountSuspension(deps: VaultDeps, input: { accountId: string; suspended: boolean }, metadata: EventMetadata) {
  const { accountId, suspended } = input;
  const command = { type: 'SetSuspension' as const, accountId, suspended, at: deps.clock.now() };
  const result = await handleCommand(deps.store, accountStream(accountId), accountDecider, command, metadata);
  // a sign-in disabled by a moderator stays disabled when a suspension ends
  const signInDisabled = result.state.registered && result.state.limits.signInDisabled;
  await deps.vault.credentials.patch(accountId, { disabled: suspended || signInDisabled });
  const closed = suspended ? await closeAccountAccess(deps.vault, deps.clock, accountId) : { tokens: 0, sessions: 0 };
  return { ...result, stream: accountStream(accountId), closed };
}

/** Approval of a sign-up that waited for the moderators: the account event, then sign-in allowed. */
export async function approveAccount(deps: VaultDeps, input: { accountId: string }, metadata: EventMetadata) {
  const result = await handleCommand(deps.store, accountStream(input.accountId), accountDecider, { type: 'ApproveAccount', accountId: input.accountId, at: deps.clock.now() }, metadata);
  await deps.vault.credentials.patch(input.accountId, { approved: true });
  return { ...result, stream: accountStream(input.accountId) };
}

export async function changeAccountRole(deps: CommandDeps, input: { accountId: string; role: AccountRole }, metadata: EventMetadata) {
  const result = await handleCommand(deps.store, accountStream(input.accountId), accountDecider, { type: 'ChangeRole', ...input }, metadata);
  return { ...result, stream: accountStream(input.accountId) };
}

/** Marks the e-mail address confirmed. A vault fact only: the address never enters the log. */
export async function confirmAccountEmail(deps: VaultDeps, input: { accountId: string }) {
  const confirmed = await deps.vault.credentials.patch(input.accountId, { confirmedAt: deps.clock.now().toISOString() });
  if (!confirmed) throw new NotFoundError();
}

/**
 * A new password (a reset by mail, or the operator's CLI): a vault fact only. Whoever
 * held the old one is signed out everywhere, as Mastodon does after a reset.
 */
export async function setAccountPassword(deps: Pick<VaultDeps, 'vault' | 'clock'>, input: { accountId: string; password: string }) {
  checkEmailAndPassword('valid@example.invalid', input.password);
  const changed = await deps.vault.credentials.patch(input.accountId, { passwordHash: await hashPassword(input.password) });
  if (!changed) throw new NotFoundError();
  return closeAccountAccess(deps.vault, deps.clock, input.accountId);
}

/** Sets a local account's aliases (`alsoKnownAs`: actor URIs of its other accounts), sealed with its key. */
export async function setAccountAliases(deps: StatusDeps, input: { accountId: string; aliases: string[] }, metadata: EventMetadata) {
  const aliases = await deps.personalData.seal(input.accountId, { aliases: input.aliases });
  const result = await handleCommand(deps.store, accountStream(input.accountId), accountDecider, { type: 'SetAliases', accountId: input.accountId, aliases, at: deps.clock.now() }, metadata);
  return { ...result, stream: accountStream(input.accountId) };
}
