import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { combineWork } from '../index.ts';
import type { RecordedEvent } from '@strata/kernel';
import { defaultAccountSettings } from '@strata/contracts';
import { type JobQueue, openSqliteJobQueue } from '@strata/job-queue';
import { eventually, makeTempDir } from '@strata/testkit';
import { interactionReactions } from './interaction-jobs.ts';
import { OUTBOUND_QUEUE, OutboundJob, outboundReactions } from './outbound-jobs.ts';

let temp: ReturnType<typeof makeTempDir>;
let jobs: JobQueue;
beforeEach(() => {
  temp = makeTempDir('strata-outbound-');
  jobs = openSqliteJobQueue({ path: join(temp.path, 'jobs.db'), pollIntervalMs: 20 });
});
afterEach(async () => {
  await jobs.close();
  temp.remove();
});

let position = 0;
const recorded = (type: string, stream: string, data: unknown): RecordedEvent => ({
  id: `e${++position}`, type, version: 1, stream, revision: 3, position, time: '2026-03-01T00:00:00.000Z', data, metadata: { correlationId: 'c' },
});
const at = '2026-03-01T00:00:00.000Z';
const follow = { followerId: '1', followedId: '2', reblogs: true, notify: false, languages: null };
const report = { accountId: '1', targetAccountId: '2', statusIds: [], comment: '', category: 'other', ruleIds: [], at };

/** Runs every reaction to these events, then the jobs they enqueued, in order. */
async function jobsFor(...events: RecordedEvent[]): Promise<OutboundJob[]> {
  const { reactions } = combineWork({ reactions: outboundReactions, processors: {} }, { reactions: interactionReactions, processors: {} });
  for (const event of events) for (const react of reactions[event.type] ?? []) await react(event, jobs);
  const taken: OutboundJob[] = [];
  const worker = await jobs.work(OUTBOUND_QUEUE, async (job) => void taken.push(OutboundJob.parse(job.payload)));
  // the last event always enqueues: once its job is in, every earlier one is too
  await eventually(() => taken.some((job) => job.type === 'delete-status'));
  await worker.stop();
  return taken.filter((job) => job.type !== 'delete-status');
}
const marker = recorded('StatusDeleted', 'status-9', { statusId: '9', accountId: '2', deletedAt: at });

describe('outbound reactions', () => {
  it('answer remote follows only (those that name their Follow activity)', async () => {
    const uri = 'https://peer.example/follows/1';
    const jobsDone = await jobsFor(
      recorded('AccountFollowed', 'follow-1-2', { ...follow, followId: '5', at, activityUri: uri }),
      recorded('AccountFollowed', 'follow-3-2', { ...follow, followerId: '3', followId: '6', at }),
      recorded('FollowEnded', 'follow-1-2', { followerId: '1', followedId: '2', reason: 'removed', at, activityUri: uri }),
      recorded('FollowEnded', 'follow-1-2', { followerId: '1', followedId: '2', reason: 'unfollowed', at, activityUri: uri }),
      marker,
    );
    expect(jobsDone).toEqual([
      { type: 'accept-follow', followerId: '1', followedId: '2', activityUri: uri, stream: 'follow-1-2', revision: 3 },
      { type: 'reject-follow', followerId: '1', followedId: '2', activityUri: uri, stream: 'follow-1-2', revision: 3 },
    ]);
  });

  it('announce profile changes, status edits and pins, forward reports asked to; events that are not theirs enqueue nothing', async () => {
    const jobsDone = await jobsFor(
      recorded('AccountSettingsChanged', 'account-2', { accountId: '2', settings: defaultAccountSettings }),
      recorded('FollowEnded', 'follow-1-2', { followerId: '1', followedId: '2', reason: 'blocked', at }),
      recorded('StatusToggled', 'pin-2-9', { kind: 'pin', on: false, accountId: '2', statusId: '9', statusAccountId: '2', toggleId: '11', at }),
      recorded('ReportFiled', 'report-20', { ...report, reportId: '20', forward: false }),
      recorded('ReportFiled', 'report-21', { ...report, reportId: '21', forward: true }),
      marker,
    );
    expect(jobsDone).toEqual([
      { type: 'update-actor', accountId: '2', stream: 'account-2', revision: 3 },
      { type: 'pin-status', accountId: '2', statusId: '9', on: false, stream: 'pin-2-9', revision: 3 },
      { type: 'forward-report', reportId: '21', stream: 'report-21', revision: 3 },
    ]);
  });

  it('send favourites, boosts, blocks and their undoing, and the deletion of an account', async () => {
    const cause = { revision: 3 };
    const jobsDone = await jobsFor(
      recorded('StatusToggled', 'favourite-1-9', { kind: 'favourite', on: true, accountId: '1', statusId: '9', statusAccountId: '2', toggleId: '20', at }),
      recorded('StatusToggled', 'bookmark-1-9', { kind: 'bookmark', on: true, accountId: '1', statusId: '9', statusAccountId: '2', toggleId: '21', at }),
      recorded('StatusToggled', 'favourite-1-9', { kind: 'favourite', on: false, accountId: '1', statusId: '9', statusAccountId: '2', toggleId: '22', at }),
      recorded('StatusReblogged', 'reblog-1-9', { reblogId: '30', accountId: '1', statusId: '9', statusAccountId: '2', visibility: 'unlisted', rebloggedAt: at }),
      recorded('StatusUnreblogged', 'reblog-1-9', { reblogId: '30', accountId: '1', statusId: '9', at }),
      recorded('AccountBlocked', 'block-1-2', { accountId: '1', targetId: '2', blockId: '40', at }),
      recorded('AccountUnblocked', 'block-1-2', { accountId: '1', targetId: '2', at }),
      recorded('AccountDeleted', 'account-1', { accountId: '1', username: 'alice', by: 'owner', deletedAt: at }),
      marker,
    );
    expect(jobsDone).toEqual([
      { type: 'like', accountId: '1', statusId: '9', stream: 'favourite-1-9', ...cause },
      { type: 'undo-like', accountId: '1', statusId: '9', stream: 'favourite-1-9', ...cause },
      { type: 'announce', reblogId: '30', accountId: '1', statusId: '9', visibility: 'unlisted', stream: 'reblog-1-9', ...cause },
      { type: 'undo-announce', reblogId: '30', accountId: '1', statusId: '9', visibility: 'public', stream: 'reblog-1-9', ...cause },
      { type: 'block', accountId: '1', targetId: '2', stream: 'block-1-2', ...cause },
      { type: 'unblock', accountId: '1', targetId: '2', stream: 'block-1-2', ...cause },
      { type: 'delete-actor', accountId: '1', username: 'alice', stream: 'account-1', ...cause },
    ]);
  });
});
