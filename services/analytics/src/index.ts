import express from 'express';
import { z } from 'zod';
import type { EventLog, LogConsumer } from '@strata/event-log';
import { listen, mastodonErrorHandler, notFoundHandler, query } from '@strata/http';
import type { Logger } from '@strata/logging';
import type { Collection, ReadModelStore } from '@strata/read-models';
import { type ActivityFact, activityFacts, activityHandler } from './activity-projection.ts';
import { periodsBack } from './periods.ts';

/** The consumer group: a new version of the figures gets a new group and reads the log from the start. */
export const analyticsGroup = 'analytics.v1';

const activityQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  days: z.coerce.number().int().min(1).max(90).default(30),
});

/** Instance activity and admin measures per ISO week (newest first, like Mastodon's) and daily active accounts. */
export async function activityReport(facts: Collection<ActivityFact>, options: { weeks: number; days: number; now?: Date }) {
  const now = options.now ?? new Date();
  const count = (kind: ActivityFact['kind'], period: string) => facts.count({ kind, period });
  const weeks = await Promise.all(
    periodsBack(now, options.weeks, 7).map(async (week) => ({
      week,
      statuses: await count('status', week),
      registrations: await count('registration', week),
      activeAccounts: await count('active-week', week),
      interactions: await count('interaction', week),
      openedReports: await count('report-opened', week),
      resolvedReports: await count('report-resolved', week),
    })),
  );
  const days = await Promise.all(periodsBack(now, options.days, 1).map(async (day) => ({ day, activeAccounts: await count('active-day', day) })));
  return { weeks, days };
}

export interface AnalyticsOptions {
  log: EventLog;
  /** The analytics service's own store: it never reads or writes the other services' read models. */
  store: ReadModelStore;
  logger: Logger;
  http: { host: string; port: number };
}

export interface RunningAnalytics {
  port: number;
  consumer: LogConsumer;
  stop(): Promise<void>;
}

export async function startAnalytics(options: AnalyticsOptions): Promise<RunningAnalytics> {
  const facts = activityFacts(options.store);
  let position = 0;
  const consumer = await options.log.consume(analyticsGroup, activityHandler(facts), { onProgress: (last) => void (position = last.position) });

  const app = express();
  app.disable('x-powered-by');
  app.get('/health/live', (_req, res) => void res.json({ live: true }));
  app.get('/health/ready', (_req, res) => void res.json({ ready: true, position }));
  app.get('/analytics/activity', async (req, res) => {
    res.json({ ...(await activityReport(facts, query(req, activityQuery))), position });
  });
  app.use(notFoundHandler);
  app.use(mastodonErrorHandler(options.logger));
  const server = await listen(app, options.http.port, options.http.host);
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.http.port,
    consumer,
    async stop() {
      await server.stop();
      await consumer.stop();
    },
  };
}
