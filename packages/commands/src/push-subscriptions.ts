import { createHash } from 'node:crypto';
import type { EventMetadata } from '@strata/kernel';
import { type EventOf, type PushSubscriptionCreated, pushSubscriptionStream } from '@strata/contracts';
import { pushSubscriptionDecider } from '@strata/domain';
import type { Vault } from '@strata/auth';
import type { PersonalDataVault } from '@strata/personal-data';
import { handleCommand } from './handle.ts';
import type { CommandDeps } from './register-account.ts';

/**
 * What reaches a device: its push service endpoint, the keys its payloads are encrypted
 * for, and the access token Mastodon's payload hands back to the client. Kept in the
 * vault sealed with the account's key: never in the log, unreadable once the account is erased.
 */
export interface PushDevice {
  tokenId: string;
  accessToken: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}
type Settings = Pick<EventOf<typeof PushSubscriptionCreated>['data'], 'alerts' | 'policy'>;
type PushCommandDeps = CommandDeps & { personalData: PersonalDataVault; vault: Vault };

/** The stream key of a token's subscription: a hash, so the log never names the token. */
export const pushTokenKey = (tokenId: string) => createHash('sha256').update(`push-subscription:${tokenId}`).digest('hex').slice(0, 32);

/** Subscribes the token's device, replacing its earlier subscription (`replacing`, whose device is dropped). */
export async function subscribeToPush(
  deps: PushCommandDeps,
  input: { accountId: string; device: PushDevice; standard: boolean; replacing?: string } & Settings,
  metadata: EventMetadata,
) {
  const subscriptionId = deps.ids.next();
  // the device first: an event without its device would be a subscription nobody can reach
  await deps.vault.pushDevices.upsert({ id: subscriptionId, accountId: input.accountId, sealed: await deps.personalData.seal(input.accountId, input.device) });
  const command = { type: 'Subscribe' as const, subscriptionId, accountId: input.accountId, standard: input.standard, alerts: input.alerts, policy: input.policy, at: deps.clock.now() };
  const result = await handleCommand(deps.store, pushSubscriptionStream(pushTokenKey(input.device.tokenId)), pushSubscriptionDecider, command, metadata);
  if (input.replacing) await deps.vault.pushDevices.delete(input.replacing);
  return { ...result, subscriptionId };
}

/** Opens a subscription's device from the vault; null once gone or its account erased. */
export async function openPushDevice(deps: { personalData: PersonalDataVault; vault: Vault }, subscriptionId: string): Promise<PushDevice | null> {
  const doc = await deps.vault.pushDevices.get(subscriptionId);
  return doc ? deps.personalData.unseal<PushDevice>(doc.sealed) : null;
}

export async function changePushAlerts(deps: CommandDeps, input: { accountId: string; tokenId: string } & Settings, metadata: EventMetadata) {
  const command = { type: 'ChangeAlerts' as const, accountId: input.accountId, alerts: input.alerts, policy: input.policy, at: deps.clock.now() };
  return handleCommand(deps.store, pushSubscriptionStream(pushTokenKey(input.tokenId)), pushSubscriptionDecider, command, metadata);
}

/** Ends one subscription of the token (a newer one stays), and forgets its device. */
export async function unsubscribeFromPush(
  deps: CommandDeps & { vault: Vault },
  input: { accountId: string; tokenId: string; subscriptionId: string; reason: 'unsubscribed' | 'endpoint_gone' | 'token_revoked' },
  metadata: EventMetadata,
) {
  const command = { type: 'Unsubscribe' as const, accountId: input.accountId, subscriptionId: input.subscriptionId, reason: input.reason, at: deps.clock.now() };
  const result = await handleCommand(deps.store, pushSubscriptionStream(pushTokenKey(input.tokenId)), pushSubscriptionDecider, command, metadata);
  await deps.vault.pushDevices.delete(input.subscriptionId);
  return result;
}
