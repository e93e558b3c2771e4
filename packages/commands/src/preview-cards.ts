import type { EventMetadata } from '@strata/kernel';
import { type PreviewCard, previewCardStream } from '@strata/contracts';
import { previewCardDecider } from '@strata/domain';
import { handleCommand } from './handle.ts';
import type { StatusDeps } from './statuses.ts';

/** Records the preview card fetched for a status's link, sealed with the author's key. */
export async function recordPreviewCard(deps: StatusDeps, input: { statusId: string; accountId: string; card: PreviewCard }, metadata: EventMetadata) {
  const card = await deps.personalData.seal(input.accountId, input.card);
  const command = { type: 'RecordPreviewCard' as const, statusId: input.statusId, accountId: input.accountId, card, at: deps.clock.now().toISOString() };
  return handleCommand(deps.store, previewCardStream(input.statusId), previewCardDecider, command, metadata);
}
