import type { EventMetadata } from '@strata/kernel';
import { markersStream, notificationsStream } from '@strata/contracts';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

/**
 * Dismissing notifications and setting read markers have no rule to break: they are
 * recorded as they come (expected revision `any`), the last one winning.
 */
export async function dismissNotifications(
  deps: CommandDeps,
  input: { accountId: string; notificationIds?: string[]; groupKeys?: string[] },
  metadata: EventMetadata,
) {
  const data = {
    accountId: input.accountId,
    notificationIds: input.notificationIds ?? null,
    groupKeys: input.groupKeys ?? null,
    at: deps.clock.now().toISOString(),
  };
  const stream = notificationsStream(input.accountId);
  const result = await deps.store.append(stream, [{ type: 'NotificationsDismissed', data, metadata }], { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
}

export async function setMarkers(deps: CommandDeps, accountId: string, markers: { timeline: 'home' | 'notifications'; lastReadId: string }[], metadata: EventMetadata) {
  const at = deps.clock.now().toISOString();
  const events = markers.map((marker) => ({ type: 'MarkerSet', data: { accountId, ...marker, at }, metadata }));
  const stream = markersStream(accountId);
  const result = await deps.store.append(stream, events, { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: events.length } satisfies Written;
}
