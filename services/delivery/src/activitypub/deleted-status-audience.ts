import { statusStream, strataEvents } from '@strata/contracts';
import type { FederationDeps } from '@strata/federation';
import type { AccountDoc } from '@strata/views';
import { remoteAudience } from './audience.ts';

/**
 * Who heard of a status that is now deleted: its read model is gone, so its own stream
 * says how it was addressed (the same audience its Create and Update had). Everyone it
 * ever mentioned is told, also those an edit removed, since they received it.
 */
export async function deletedStatusAudience(deps: FederationDeps, author: AccountDoc, statusId: string): Promise<AccountDoc[]> {
  const events = await (await deps.eventStore()).readStream(statusStream(statusId));
  let visibility = 'public';
  const mentioned = new Set<string>();
  for (const recorded of events) {
    const event = strataEvents.decode(recorded);
    if (event?.type === 'StatusPosted') {
      visibility = event.data.visibility;
      const repliedTo = event.data.inReplyToAccountId;
      if (repliedTo && (visibility === 'public' || visibility === 'unlisted')) mentioned.add(repliedTo);
    }
    if (event?.type === 'StatusPosted' || event?.type === 'StatusEdited') for (const id of event.data.mentionedAccountIds) mentioned.add(id);
  }
  return remoteAudience(deps, author, visibility, [...mentioned]);
}
