import type { EventMetadata } from '@strata/kernel';
import { trendReviewStream } from '@strata/contracts';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

/** A moderator's review of a trending item; the latest review stands (approving again after a rejection is allowed). */
export async function reviewTrend(
  deps: CommandDeps,
  input: { kind: 'tag' | 'status' | 'link'; key: string; streamKey: string; decision: 'approved' | 'rejected'; byAccountId: string },
  metadata: EventMetadata,
) {
  const stream = trendReviewStream(input.kind, input.streamKey);
  const data = { kind: input.kind, key: input.key, decision: input.decision, byAccountId: input.byAccountId, at: deps.clock.now().toISOString() };
  const result = await deps.store.append(stream, [{ type: 'TrendReviewed', data, metadata }], { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
}
