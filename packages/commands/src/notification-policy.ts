import type { EventMetadata } from '@strata/kernel';
import { type EventOf, type NotificationPolicyChanged, notificationPolicyStream } from '@strata/contracts';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

type Policy = Omit<EventOf<typeof NotificationPolicyChanged>['data'], 'accountId' | 'at'>;

/** Policy changes and accepted requests break no rule: recorded as they come, the last policy winning. */
export async function setNotificationPolicy(deps: CommandDeps, accountId: string, policy: Policy, metadata: EventMetadata) {
  const stream = notificationPolicyStream(accountId);
  const data = { accountId, ...policy, at: deps.clock.now().toISOString() };
  const result = await deps.store.append(stream, [{ type: 'NotificationPolicyChanged', data, metadata }], { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
}

export async function acceptNotificationRequests(deps: CommandDeps, accountId: string, fromAccountIds: string[], metadata: EventMetadata) {
  const stream = notificationPolicyStream(accountId);
  const at = deps.clock.now().toISOString();
  if (fromAccountIds.length === 0) return undefined;
  const events = fromAccountIds.map((fromAccountId) => ({ type: 'NotificationRequestAccepted', data: { accountId, fromAccountId, at }, metadata }));
  const result = await deps.store.append(stream, events, { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: events.length } satisfies Written;
}
