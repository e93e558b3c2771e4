import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventLog, GroupLag } from '@strata/event-log';

/**
 * One Prometheus registry per service process, labelled with the service's name. The
 * figures an operator scales by: request durations, appends, how far each consumer group
 * is behind the log (read from its durable checkpoint, so any process can report it),
 * streaming connections and federation deliveries.
 */
export interface ServiceMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  streamingDropped: Counter;
  /** ActivityPub deliveries (outbox jobs) by outcome: delivered, retried, failed (for good at once), gave_up. */
  deliveries: Counter<'outcome'>;
  /** Job runs by queue and outcome: done, retried, failed (dead-lettered at once), gave_up (dead-lettered after the last attempt). */
  jobRuns: Counter<'queue' | 'outcome'>;
  /** Reports each job queue's waiting and dead-lettered jobs at each scrape. */
  watchJobQueues(jobs: () => Promise<{ depths(): Promise<{ queue: string; waiting: number; deadLetters: number }[]> }>): void;
  /** Reports the lag of these consumer groups at each scrape (a function: the groups of the moment, as versions change). */
  watchLag(log: () => Promise<EventLog>, groups: string[] | (() => Promise<string[]>)): void;
  /** Reports the event store's head position at each scrape: its rate is the appends per second. */
  watchHead(store: () => Promise<{ headPosition(): Promise<number> }>): void;
  /** Reports the open streaming connections at each scrape. */
  watchConnections(count: () => number): void;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'strata_' });
  const lagSources: { log: () => Promise<EventLog>; groups: () => Promise<string[]> }[] = [];
  // both lag gauges collect in the same scrape: one read of each group's lag serves them
  const reading = new Map<string, Promise<GroupLag | null>>();
  const lagOf = (group: string, log: () => Promise<EventLog>) => {
    let lag = reading.get(group);
    if (!lag) {
      lag = log().then((opened) => opened.lag(group)).finally(() => reading.delete(group));
      reading.set(group, lag);
    }
    return lag;
  };
  const lags = async () => {
    const found: { group: string; lag: GroupLag }[] = [];
    for (const source of lagSources) {
      for (const group of await source.groups().catch(() => [])) {
        const lag = await lagOf(group, source.log).catch(() => null);
        if (lag) found.push({ group, lag });
      }
    }
    return found;
  };
  new Gauge({
    name: 'strata_event_log_lag_events',
    help: 'Events appended that a consumer group has not handled yet',
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      // groups come and go with read-model versions: a retired one stops being reported
      this.reset();
      for (const { group, lag } of await lags()) this.set({ group }, lag.events);
    },
  });
  new Gauge({
    name: 'strata_event_log_lag_seconds',
    help: 'Age of the oldest event a consumer group has not handled (0 when caught up)',
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { group, lag } of await lags()) this.set({ group }, lag.oldestUnhandledAt ? Math.max(0, (Date.now() - lag.oldestUnhandledAt.getTime()) / 1000) : 0);
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'strata_http_request_duration_seconds',
      help: 'HTTP requests by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    streamingDropped: new Counter({ name: 'strata_streaming_dropped_clients_total', help: 'Streaming clients dropped for being too slow', registers: [registry] }),
    deliveries: new Counter({ name: 'strata_federation_deliveries_total', help: 'ActivityPub deliveries by outcome', labelNames: ['outcome'], registers: [registry] }),
    jobRuns: new Counter({ name: 'strata_job_runs_total', help: 'Job runs by queue and outcome (retried, failed, gave_up are failures)', labelNames: ['queue', 'outcome'], registers: [registry] }),
    watchJobQueues(jobs) {
      // both gauges collect in the same scrape: one count of the queues serves them
      let counting: Promise<{ queue: string; waiting: number; deadLetters: number }[]> | undefined;
      const depths = () => (counting ??= jobs().then((queue) => queue.depths()).catch(() => []).finally(() => setImmediate(() => (counting = undefined))));
      new Gauge({
        name: 'strata_job_queue_depth',
        help: 'Jobs waiting to run (due or delayed)',
        labelNames: ['queue'],
        registers: [registry],
        async collect() {
          for (const { queue, waiting } of await depths()) this.set({ queue }, waiting);
        },
      });
      new Gauge({
        name: 'strata_job_queue_dead_letters',
        help: 'Jobs dead-lettered (failed for good), kept for inspection',
        labelNames: ['queue'],
        registers: [registry],
        async collect() {
          for (const { queue, deadLetters } of await depths()) this.set({ queue }, deadLetters);
        },
      });
    },
    watchLag(log, watched) {
      lagSources.push({ log, groups: typeof watched === 'function' ? watched : async () => watched });
    },
    watchConnections(count) {
      new Gauge({
        name: 'strata_streaming_connections',
        help: 'Open streaming connections',
        registers: [registry],
        collect() {
          this.set(count());
        },
      });
    },
    watchHead(store) {
      new Gauge({
        name: 'strata_event_store_head_position',
        help: 'Position of the last event appended (its rate is appends per second)',
        registers: [registry],
        async collect() {
          const head = await (await store()).headPosition().catch(() => null);
          if (head !== null) this.set(head);
        },
      });
    },
  };
}

/** Times every request by the route pattern it matched (never the raw URL: ids would explode the series). */
export function httpMetrics(metrics: ServiceMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? String(req.route.path) : res.statusCode === 404 ? 'unmatched' : 'other';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
