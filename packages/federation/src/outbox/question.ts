import { Collection, Note } from '@fedify/vocab';
import type { ReadModelStore } from '@strata/read-models';
import { type PollDoc, pollExpired, pollsCollection } from '@strata/views';
import { instant } from '../temporal.ts';

/** The status's poll, if it has one (a status has at most one current poll). */
export async function pollOfStatus(store: ReadModelStore, statusId: string): Promise<PollDoc | null> {
  const [poll] = await pollsCollection(store).find({ where: { statusId }, limit: 1 });
  return poll ?? null;
}

/**
 * What a poll adds to a status to make it a Question, as Mastodon federates it: options
 * as named Notes counting their votes in `replies.totalItems` (`oneOf` for one choice,
 * `anyOf` for several), `endTime`, `closed` once voting ended and the number of voters.
 * Counts hidden until the end stay out, as Mastodon leaves them out.
 */
export function questionValuesOf(poll: PollDoc, now = new Date()) {
  const ended = pollExpired(poll, now);
  const showTotals = ended || !poll.hideTotals;
  const options = poll.options.map((name, index) => new Note({
    name,
    replies: showTotals ? new Collection({ totalItems: poll.votesCounts[index] ?? 0 }) : null,
  }));
  const timeUp = poll.expiresAt !== null && Date.parse(poll.expiresAt) <= now.getTime();
  return {
    ...(poll.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: poll.expiresAt ? instant(poll.expiresAt) : null,
    // when it ended: its end time if that has passed, else it was closed early
    closed: ended ? (timeUp ? instant(poll.expiresAt!) : true) : null,
    voters: showTotals ? poll.votersCount : null,
  };
}
