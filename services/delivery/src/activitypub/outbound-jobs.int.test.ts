import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@strata/kernel';
import { defaultAccountSettings } from '@strata/contracts';
import { type JobQueue, openSqliteJobQueue } from '@strata/job-queue';
import { eventually, makeTempDir } from '@strata/testkit';
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
  for (const event of events) for (const react of outboundReactions[event.type] ?? []) await react(event, jobs);
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
      recorded('StatusReblogged', 'reblog-2-9', {}),
      recorded('StatusToggled', 'pin-2-9', { kind: 'pin', on: false, accountId: '2', statusId: '9', statusAccountId: '2', toggleId: '11', at }),
      recorded('StatusToggled', 'favourite-2-9', { kind: 'favourite', on: true, accountId: '2', statusId: '9', statusAccountId: '2', toggleId: '12', at }),
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
});
