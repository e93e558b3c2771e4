import { describe, expect, it } from 'vitest';
import { foldEvents } from '@strata/kernel';
import { type FollowCommand, type FollowEvent, followDecider } from './follow.decider.ts';

const at = new Date('2026-03-01T00:00:00Z');
const pair = { followerId: '1', followedId: '2', at };
const given = (...commands: FollowCommand[]) => {
  const events: FollowEvent[] = [];
  for (const command of commands) events.push(...followDecider.decide(command, foldEvents(followDecider, events)));
  return { events, state: foldEvents(followDecider, events) };
};
const follow = (locked: boolean, options = {}): FollowCommand => ({ type: 'Follow', ...pair, locked, id: '10', options });

describe('followDecider', () => {
  it('follows an open account at once and a locked one by request', () => {
    expect(given(follow(false)).state).toMatchObject({ state: 'following', reblogs: true, notify: false });
    expect(given(follow(true)).events.map((e) => e.type)).toEqual(['FollowRequested']);
  });

  it('is idempotent, but records changed options', () => {
    expect(given(follow(false), follow(false)).events).toHaveLength(1);
    const { events, state } = given(follow(false), follow(false, { notify: true }));
    expect(events.map((e) => e.type)).toEqual(['AccountFollowed', 'FollowOptionsChanged']);
    expect(state.notify).toBe(true);
  });

  it('accepts or rejects a request, and refuses to accept what was never asked', () => {
    expect(given(follow(true), { type: 'AuthorizeFollow', ...pair, id: '11' }).state.state).toBe('following');
    expect(given(follow(true), { type: 'RejectFollow', ...pair }).state.state).toBe('none');
    expect(() => given({ type: 'AuthorizeFollow', ...pair, id: '11' })).toThrow('Record not found');
  });

  it('ends follows by unfollowing, removing or blocking, once', () => {
    for (const type of ['Unfollow', 'RemoveFollower', 'EndFollowForBlock'] as const) {
      const { events, state } = given(follow(false), { type, ...pair }, { type, ...pair });
      expect(state.state).toBe('none');
      expect(events.filter((e) => e.type === 'FollowEnded')).toHaveLength(1);
    }
  });

  it('carries a remote follower\'s Follow activity to the follow, also when a request is authorized later', () => {
    const activityUri = 'https://peer.example/follows/1';
    const open = given({ ...follow(false), activityUri } as FollowCommand).events[0]!;
    expect(open).toMatchObject({ type: 'AccountFollowed', data: { activityUri } });
    const { events } = given({ ...follow(true), activityUri } as FollowCommand, { type: 'AuthorizeFollow', ...pair, id: '11' });
    expect(events.map((e) => [e.type, (e.data as { activityUri?: string }).activityUri])).toEqual([
      ['FollowRequested', activityUri],
      ['AccountFollowed', activityUri],
    ]);
    expect(given(follow(false)).events[0]!.data).not.toHaveProperty('activityUri');
    const rejected = given({ ...follow(true), activityUri } as FollowCommand, { type: 'RejectFollow', ...pair }).events.at(-1)!;
    expect(rejected).toMatchObject({ type: 'FollowEnded', data: { reason: 'rejected', activityUri } });
  });
});
