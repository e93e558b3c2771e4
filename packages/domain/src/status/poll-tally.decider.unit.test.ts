import { describe, expect, it } from 'vitest';
import { ForbiddenError, foldEvents } from '@strata/kernel';
import { statusDecider } from './status.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const sealed = { sealed: 'aes-256-gcm/v1' as const, subject: '1', iv: '', tag: '', data: '' };
const poll = { pollId: '9', expiresAt: null, multiple: false, hideTotals: false };
const post = {
  type: 'PostStatus' as const, statusId: '5', accountId: '1', visibility: 'public' as const, inReplyToId: null, inReplyToAccountId: null,
  sensitive: false, language: null, mentionedAccountIds: [], content: sealed, applicationId: null, mediaIds: [], poll, remote: { uri: 'https://r.example/q/1', url: null }, at,
};
const tally = { type: 'TallyPoll' as const, statusId: '5', accountId: '1', pollId: '9', votesCounts: [2, 1], votersCount: 3, closed: false, at };

describe('TallyPoll', () => {
  const posted = foldEvents(statusDecider, statusDecider.decide(post, statusDecider.initialState()));

  it('records the counts a remote poll reports, for the poll the status has', () => {
    expect(statusDecider.decide(tally, posted)).toEqual([
      { type: 'PollTallied', data: { statusId: '5', pollId: '9', votesCounts: [2, 1], votersCount: 3, closed: false, at: at.toISOString() } },
    ]);
  });

  it('ignores a poll the status no longer has and refuses anyone but the author', () => {
    expect(statusDecider.decide({ ...tally, pollId: '8' }, posted)).toEqual([]);
    expect(() => statusDecider.decide({ ...tally, accountId: '2' }, posted)).toThrow(ForbiddenError);
  });
});
