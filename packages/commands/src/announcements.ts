import { type EventMetadata, NotFoundError, WrongExpectedRevisionError } from '@strata/kernel';
import { announcementReaderStream, announcementStream } from '@strata/contracts';
import type { CommandDeps } from './register-account.ts';
import type { Written } from './written.ts';

/** Publishes an announcement: a new stream, so its id is never reused. */
export async function publishAnnouncement(deps: CommandDeps, input: { text: string; startsAt: string | null; endsAt: string | null; allDay: boolean }, metadata: EventMetadata) {
  const announcementId = deps.ids.next();
  const stream = announcementStream(announcementId);
  const data = { announcementId, ...input, at: deps.clock.now().toISOString() };
  const result = await deps.store.append(stream, [{ type: 'AnnouncementPublished', data, metadata }], { expectedRevision: 'no_stream' });
  return { announcementId, stream, revision: result.nextRevision, appended: 1 } satisfies Written & { announcementId: string };
}

/** Deletes a published announcement, once: its stream then holds exactly two events. */
export async function deleteAnnouncement(deps: CommandDeps, announcementId: string, metadata: EventMetadata) {
  const stream = announcementStream(announcementId);
  const recorded = await deps.store.readStream(stream);
  if (recorded.length !== 1) throw new NotFoundError();
  try {
    const result = await deps.store.append(stream, [{ type: 'AnnouncementDeleted', data: { announcementId, at: deps.clock.now().toISOString() }, metadata }], { expectedRevision: 0 });
    return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw new NotFoundError();
    throw error;
  }
}

/** A reader's dismissal or reaction: no rule to break, recorded as it comes, the last one winning. */
export async function recordAnnouncementReading(
  deps: CommandDeps,
  input: { announcementId: string; accountId: string } & ({ type: 'AnnouncementDismissed' } | { type: 'AnnouncementReactionChanged'; name: string; on: boolean }),
  metadata: EventMetadata,
) {
  const stream = announcementReaderStream(input.accountId);
  const { type, ...data } = input;
  const result = await deps.store.append(stream, [{ type, data: { ...data, at: deps.clock.now().toISOString() }, metadata }], { expectedRevision: 'any' });
  return { stream, revision: result.nextRevision, appended: 1 } satisfies Written;
}
