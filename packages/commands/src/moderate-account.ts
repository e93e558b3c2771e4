import type { EventMetadata } from '@strata/kernel';
import { closeAccountAccess } from '@strata/auth';
import { type ModerationAction, accountStream } from '@strata/contracts';
import { type AccountLimits, accountDecider } from '@strata/domain';
import { type VaultDeps, setAccountSuspension } from './account-admin.ts';
import { handleCommand } from './handle.ts';
import { handleReport } from './reports.ts';
import type { Written } from './written.ts';

const limitOf: Partial<Record<ModerationAction, keyof AccountLimits>> = { sensitive: 'sensitized', disable: 'signInDisabled', silence: 'silenced' };

/**
 * Changes moderation limits; the vault's sign-in flag follows (off while suspended or
 * disabled), and disabling ends every token and session at once.
 */
export async function setAccountLimits(deps: VaultDeps, input: { accountId: string; limits: Partial<AccountLimits> }, metadata: EventMetadata) {
  const { accountId, limits } = input;
  const result = await handleCommand(deps.store, accountStream(accountId), accountDecider, { type: 'SetLimits', accountId, limits, at: deps.clock.now() }, metadata);
  if (result.state.registered) {
    const disabled = result.state.suspended || result.state.limits.signInDisabled;
    await deps.vault.credentials.patch(accountId, { disabled });
    if (disabled) await closeAccountAccess(deps.vault, deps.clock, accountId);
  }
  return { ...result, stream: accountStream(accountId) };
}

/**
 * A moderator's action on an account (Mastodon's POST /admin/accounts/:id/action): the
 * warning that records it, the limit or suspension it imposes, and the report it resolves.
 */
export async function moderateAccount(
  deps: VaultDeps,
  input: { accountId: string; action: ModerationAction; text: string; reportId: string | null; moderatorId: string },
  metadata: EventMetadata,
): Promise<Written[]> {
  const { accountId, action, text, reportId } = input;
  const warned = await handleCommand(deps.store, accountStream(accountId), accountDecider, { type: 'Warn', accountId, action, text, reportId, at: deps.clock.now() }, metadata);
  const written: Written[] = [{ ...warned, stream: accountStream(accountId) }];
  const limit = limitOf[action];
  if (limit) written.push(await setAccountLimits(deps, { accountId, limits: { [limit]: true } }, metadata));
  if (action === 'suspend') written.push(await setAccountSuspension(deps, { accountId, suspended: true }, metadata));
  if (reportId) written.push(await handleReport(deps, { type: 'SetReportResolution', reportId, resolved: true, byAccountId: input.moderatorId }, metadata));
  return written;
}
