import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedEventLog } from '@strata/event-log';
import { type SqliteEventStore, openSqliteEventStore } from '@strata/event-store';
import type { NewEvent } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { openSqliteReadModels } from '@strata/read-models';
import { eventually, makeTempDir } from '@strata/testkit';
import { type RunningAnalytics, startAnalytics } from './index.ts';
import { dayOf, weekOf } from './periods.ts';

const sealed = { sealed: 'aes-256-gcm/v1', subject: 's', iv: 'i', tag: 't', data: 'd' } as const;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const caused = (type: string, data: Record<string, unknown>, actor: string): NewEvent => ({ type, data: { ...data, at: daysAgo(0) }, metadata: { correlationId: `c-${type}`, actor } });
const favourited = (statusId: string, accountId: string, toggleId: string) =>
  caused('StatusToggled', { kind: 'favourite', on: true, accountId, statusId, statusAccountId: '1', toggleId }, accountId);

const registered = (accountId: string, username: string): NewEvent => ({
  type: 'AccountRegistered',
  data: { accountId, username, role: 'user', approved: true, registeredAt: daysAgo(0) },
  metadata: { correlationId: `c-${accountId}`, actor: accountId },
});
const posted = (statusId: string, accountId: string, postedAt: string, remote: { uri: string; url: null } | null = null, inReplyToId: string | null = null): NewEvent => ({
  type: 'StatusPosted',
  data: {
    statusId, accountId, visibility: 'public', inReplyToId, inReplyToAccountId: inReplyToId && '1', sensitive: false, language: null,
    mentionedAccountIds: [], content: sealed, applicationId: null, mediaIds: [], remote, postedAt,
  },
  metadata: { correlationId: `c-${statusId}`, actor: accountId },
});

describe('analytics consumer', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: SqliteEventStore;
  let analytics: RunningAnalytics | undefined;
  const append = (stream: string, ...events: NewEvent[]) => store.append(stream, events, { expectedRevision: 'any' });

  beforeEach(() => {
    temp = makeTempDir('strata-analytics-');
    store = openSqliteEventStore({ path: join(temp.path, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await analytics?.stop();
    await store.close();
    temp.remove();
  });

  async function start() {
    const log = createEmbeddedEventLog({ store, checkpointsPath: join(temp.path, 'checkpoints.db'), idleWaitMs: 20 });
    const facts = openSqliteReadModels({ path: join(temp.path, 'analytics.db') });
    const running = await startAnalytics({ log, store: facts, logger: createLogger({ level: 'silent' }), http: { host: '127.0.0.1', port: 0 } });
    return {
      ...running,
      async stop() {
        await running.stop();
        await log.close();
        await facts.close();
      },
    };
  }

  const report = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/analytics/activity?weeks=3&days=10`);
    expect(response.status).toBe(200);
    return (await response.json()) as {
      position: number;
      weeks: { week: string; statuses: number; registrations: number; activeAccounts: number; interactions: number; openedReports: number; resolvedReports: number }[];
      days: { day: string; activeAccounts: number }[];
    };
  };

  it('computes weekly activity and daily active accounts from the log, counting a redelivered event once', async () => {
    await append('account-1', registered('1', 'alice'));
    await append('account-2', registered('2', 'bob'));
    await append('account-3', registered('3', 'carol'));
    await append('status-10', posted('10', '1', daysAgo(0)));
    await append('status-11', posted('11', '1', daysAgo(0)));
    await append('status-12', posted('12', '2', daysAgo(8)));
    // a remote status is not this instance's activity
    await append('status-13', posted('13', '99', daysAgo(0), { uri: 'https://remote.example/s/13', url: null }));
    // interactions that local statuses received: a favourite, a boost from another server, a remote reply
    await append('status-10', favourited('10', '3', '30'));
    await append('status-10', {
      type: 'StatusReblogged',
      data: { reblogId: '31', accountId: '99', statusId: '10', statusAccountId: '1', visibility: 'public', rebloggedAt: daysAgo(0) },
      metadata: { correlationId: 'c-reblog', actor: 'peer:remote.example' },
    });
    await append('status-15', posted('15', '99', daysAgo(0), { uri: 'https://remote.example/s/15', url: null }, '11'));
    await append('status-13', favourited('13', '3', '32')); // a remote status: not this instance's
    await append('report-40', caused('ReportFiled', { reportId: '40', accountId: '3', targetAccountId: '99', statusIds: [], comment: '', category: 'spam', ruleIds: [], forward: false }, '3'));
    await append('report-40', caused('ReportResolutionChanged', { reportId: '40', resolved: true, byAccountId: '1' }, '1'));
    // any other event a local account causes makes it active that day
    const blocked = await append('account-3', caused('AccountBlocked', { accountId: '3', targetId: '1', blockId: '20' }, '3'));

    analytics = await start();
    const first = await eventually(async () => {
      const body = await report(analytics!.port);
      return body.position >= blocked.position && body;
    });
    const thisWeek = first.weeks.find((entry) => entry.week === weekOf(new Date()))!;
    const lastWeek = first.weeks.find((entry) => entry.week === weekOf(daysAgo(8)))!;
    expect(thisWeek).toEqual({ week: weekOf(new Date()), statuses: 2, registrations: 3, activeAccounts: 2, interactions: 3, openedReports: 1, resolvedReports: 1 });
    expect(lastWeek).toMatchObject({ statuses: 1, activeAccounts: 1 });
    expect(first.days.find((entry) => entry.day === dayOf(new Date()))!.activeAccounts).toBe(2);
    expect(first.days.find((entry) => entry.day === dayOf(daysAgo(8)))!.activeAccounts).toBe(1);
    expect(first.weeks.map((entry) => entry.week)).toEqual([...first.weeks.map((entry) => entry.week)].sort().reverse());

    // at-least-once: replay the whole log into the same store as if every checkpoint were lost
    await analytics.stop();
    const { rmSync } = await import('node:fs');
    rmSync(join(temp.path, 'checkpoints.db'));
    await append('status-14', posted('14', '2', daysAgo(0)));
    analytics = await start();
    const replayed = await eventually(async () => {
      const body = await report(analytics!.port);
      return body.weeks.find((entry) => entry.week === weekOf(new Date()))!.statuses === 3 && body;
    });
    expect(replayed.weeks.find((entry) => entry.week === weekOf(new Date()))).toEqual({
      week: weekOf(new Date()), statuses: 3, registrations: 3, activeAccounts: 3, interactions: 3, openedReports: 1, resolvedReports: 1,
    });
    expect(replayed.weeks.find((entry) => entry.week === weekOf(daysAgo(8)))).toMatchObject({ statuses: 1, activeAccounts: 1 });
  });

  it('refuses a bad query with an error, not a 500', async () => {
    analytics = await start();
    const response = await fetch(`http://127.0.0.1:${analytics.port}/analytics/activity?weeks=many`);
    expect([400, 422]).toContain(response.status);
    expect(await response.json()).toHaveProperty('error');
  });
});
