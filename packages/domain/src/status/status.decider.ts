import { type Decider, ForbiddenError, NotFoundError } from '@strata/kernel';
import type { EventOf, PollExpired, PollFields, PollTallied, QuotePolicy, RemoteStatusClaimed, StatusQuotePolicyChanged, StatusQuoteRevoked, StatusDeleted, StatusEdited, StatusPosted, Visibility } from '@strata/contracts';

export type StatusEvent =
  | EventOf<typeof StatusPosted>
  | EventOf<typeof StatusEdited>
  | EventOf<typeof StatusDeleted>
  | EventOf<typeof PollExpired>
  | EventOf<typeof PollTallied>
  | EventOf<typeof StatusQuotePolicyChanged>
  | EventOf<typeof StatusQuoteRevoked>;
type Posted = EventOf<typeof StatusPosted>['data'];
type Edited = EventOf<typeof StatusEdited>['data'];

export type StatusCommand =
  | ({ type: 'PostStatus'; at: Date; mediaIds?: string[]; remote?: Posted['remote']; poll?: PollFields | null; quote?: Posted['quote']; quotePolicy?: QuotePolicy } & Omit<
      Posted,
      'postedAt' | 'mediaIds' | 'remote' | 'poll' | 'quote' | 'quotePolicy'
    >)
  | { type: 'SetQuotePolicy'; statusId: string; accountId: string; quotePolicy: QuotePolicy; at: Date }
  /** By the author of the quoted status, on the quoting status. */
  | { type: 'RevokeQuote'; statusId: string; byAccountId: string; at: Date }
  /** Without mediaIds an edit keeps the attachments the status has; without a poll it has none, as in Mastodon. */
  | ({ type: 'EditStatus'; at: Date; mediaIds?: string[]; poll?: PollFields | null } & Omit<Edited, 'editedAt' | 'mediaIds' | 'poll'>)
  /** Ends voting on the status's poll (the expiry job, once its time has come). */
  | { type: 'ExpirePoll'; statusId: string; pollId: string; at: Date }
  /** A remote poll's counts as its server reports them (on the status's author's behalf). */
  | { type: 'TallyPoll'; statusId: string; accountId: string; pollId: string; votesCounts: number[]; votersCount: number | null; closed: boolean; at: Date }
  | { type: 'DeleteStatus'; statusId: string; accountId: string; keepMedia?: boolean; at: Date };

export type StatusState =
  | { exists: false }
  | {
      exists: true;
      accountId: string;
      visibility: Visibility;
      deleted: boolean;
      edits: number;
      mediaIds: string[];
      poll: PollState | null;
      quote: { statusId: string; accountId: string; revoked: boolean } | null;
      quotePolicy: QuotePolicy;
    };

type PollState = PollFields & { expired: boolean };
const pollState = (poll: PollFields | null): PollState | null => (poll ? { ...poll, expired: false } : null);

/** One status: posted once, edited and deleted only by its author. */
export const statusDecider: Decider<StatusCommand, StatusEvent, StatusState> = {
  initialState: () => ({ exists: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'StatusPosted':
        return {
          exists: true,
          accountId: event.data.accountId,
          visibility: event.data.visibility,
          deleted: false,
          edits: 0,
          mediaIds: event.data.mediaIds,
          poll: pollState(event.data.poll),
          quote: event.data.quote && { ...event.data.quote, revoked: false },
          quotePolicy: event.data.quotePolicy,
        };
      case 'StatusEdited': {
        if (!state.exists) return state;
        // the same poll keeps whether it ended; its end and totals setting follow the edit
        const poll = event.data.poll && state.poll?.pollId === event.data.poll.pollId ? { ...event.data.poll, expired: state.poll.expired } : pollState(event.data.poll);
        return { ...state, edits: state.edits + 1, mediaIds: event.data.mediaIds, poll };
      }
      case 'StatusQuotePolicyChanged':
        return state.exists ? { ...state, quotePolicy: event.data.quotePolicy } : state;
      case 'StatusQuoteRevoked':
        return state.exists && state.quote ? { ...state, quote: { ...state.quote, revoked: true } } : state;
      case 'PollExpired':
        return state.exists && state.poll?.pollId === event.data.pollId ? { ...state, poll: { ...state.poll, expired: true } } : state;
      case 'PollTallied':
        return state;
      case 'StatusDeleted':
        return state.exists ? { ...state, deleted: true } : state;
    }
  },
  decide(command, state) {
    if (command.type === 'PostStatus') {
      if (state.exists) return [];
      const { type: _type, at, ...data } = command;
      const defaults = { mediaIds: data.mediaIds ?? [], remote: data.remote ?? null, poll: data.poll ?? null, quote: data.quote ?? null, quotePolicy: data.quotePolicy ?? 'public' };
      return [{ type: 'StatusPosted', data: { ...data, ...defaults, postedAt: at.toISOString() } }];
    }
    if (command.type === 'ExpirePoll') return expirePoll(command, state);
    if (!state.exists || state.deleted) throw new NotFoundError();
    if (command.type === 'RevokeQuote') {
      // only the quoted author may, and only once
      if (!state.quote || state.quote.accountId !== command.byAccountId) throw new NotFoundError();
      if (state.quote.revoked) return [];
      const data = { statusId: command.statusId, quotedStatusId: state.quote.statusId, byAccountId: command.byAccountId, at: command.at.toISOString() };
      return [{ type: 'StatusQuoteRevoked', data }];
    }
    if (state.accountId !== command.accountId) throw new ForbiddenError();
    if (command.type === 'SetQuotePolicy') {
      if (state.quotePolicy === command.quotePolicy) return [];
      return [{ type: 'StatusQuotePolicyChanged', data: { statusId: command.statusId, accountId: command.accountId, quotePolicy: command.quotePolicy, at: command.at.toISOString() } }];
    }
    if (command.type === 'TallyPoll') {
      if (state.poll?.pollId !== command.pollId) return [];
      const { type: _type, accountId: _author, at, ...data } = command;
      return [{ type: 'PollTallied', data: { ...data, at: at.toISOString() } }];
    }
    if (command.type === 'DeleteStatus') {
      return [{ type: 'StatusDeleted', data: { statusId: command.statusId, accountId: command.accountId, deletedAt: command.at.toISOString(), keepMedia: command.keepMedia ?? false } }];
    }
    const { type: _type, at, ...data } = command;
    return [{ type: 'StatusEdited', data: { ...data, mediaIds: data.mediaIds ?? state.mediaIds, poll: data.poll ?? null, editedAt: at.toISOString() } }];
  },
};

/** Once, and only for the poll the status still has and once its time is up: a late or repeated job changes nothing. */
function expirePoll(command: Extract<StatusCommand, { type: 'ExpirePoll' }>, state: StatusState): StatusEvent[] {
  if (!state.exists || state.deleted || !state.poll || state.poll.pollId !== command.pollId || state.poll.expired) return [];
  if (!state.poll.expiresAt || Date.parse(state.poll.expiresAt) > command.at.getTime()) return [];
  return [{ type: 'PollExpired', data: { statusId: command.statusId, pollId: command.pollId, at: command.at.toISOString() } }];
}

/** The claim on a remote status URI: the first local id given to it stays its id. */
export const remoteStatusClaimDecider: Decider<
  { type: 'ClaimRemoteStatus'; uri: string; statusId: string },
  EventOf<typeof RemoteStatusClaimed>,
  { statusId: string | null }
> = {
  initialState: () => ({ statusId: null }),
  evolve: (state, event) => ({ statusId: state.statusId ?? event.data.statusId }),
  decide: (command, state) => (state.statusId ? [] : [{ type: 'RemoteStatusClaimed', data: { uri: command.uri, statusId: command.statusId } }]),
};
