import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import { statusDecider } from '../status/status.decider.ts';
import { type PollFacts, pollVoteDecider } from './poll-vote.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const poll: PollFacts = { pollId: '9', statusId: '5', authorId: '1', optionCount: 3, multiple: false, expiresAt: '2026-03-02T00:00:00.000Z', expired: false };
const vote = (choices: number[], facts: Partial<PollFacts> = {}, accountId = '2') => ({ type: 'Vote' as const, poll: { ...poll, ...facts }, accountId, choices, at });

describe('pollVoteDecider', () => {
  const fresh = pollVoteDecider.initialState();

  it('records one vote with its choices, once', () => {
    const events = pollVoteDecider.decide(vote([2]), fresh);
    expect(events[0]!.data).toMatchObject({ pollId: '9', statusId: '5', accountId: '2', choices: [2] });
    expect(() => pollVoteDecider.decide(vote([1]), foldEvents(pollVoteDecider, events))).toThrow('already voted');
  });

  it("refuses Mastodon's invalid votes", () => {
    expect(() => pollVoteDecider.decide(vote([3]), fresh)).toThrow('does not exist');
    expect(() => pollVoteDecider.decide(vote([0, 1]), fresh)).toThrow('does not exist');
    expect(() => pollVoteDecider.decide(vote([0], {}, '1'), fresh)).toThrow('own polls');
    expect(() => pollVoteDecider.decide(vote([0], { expired: true }), fresh)).toThrow('already ended');
    expect(() => pollVoteDecider.decide(vote([0], { expiresAt: '2026-02-28T00:00:00.000Z' }), fresh)).toThrow('already ended');
    expect(pollVoteDecider.decide(vote([0, 2, 2], { multiple: true }), fresh)[0]!.data.choices).toEqual([0, 2]);
  });
});

describe('poll expiry on the status stream', () => {
  const sealed = { sealed: 'aes-256-gcm/v1' as const, subject: '1', iv: '', tag: '', data: '' };
  const pollFields = { pollId: '9', expiresAt: '2026-03-01T01:00:00.000Z', multiple: false, hideTotals: false };
  const post = { type: 'PostStatus' as const, statusId: '5', accountId: '1', visibility: 'public' as const, inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content: sealed, applicationId: null, poll: pollFields, at };
  const posted = foldEvents(statusDecider, statusDecider.decide(post, statusDecider.initialState()));
  const expire = (when: Date, pollId = '9') => ({ type: 'ExpirePoll' as const, statusId: '5', pollId, at: when });
  const later = new Date('2026-03-01T01:00:01Z');

  it('ends the poll once, only when due and only the poll the status still has', () => {
    expect(statusDecider.decide(expire(at), posted)).toEqual([]);
    expect(statusDecider.decide(expire(later, '8'), posted)).toEqual([]);
    const ended = statusDecider.decide(expire(later), posted);
    expect(ended[0]!.type).toBe('PollExpired');
    expect(statusDecider.decide(expire(later), foldEvents(statusDecider, [...statusDecider.decide(post, statusDecider.initialState()), ...ended]))).toEqual([]);
  });
});
