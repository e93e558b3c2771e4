import type { StrataConfig } from '@strata/config';
import { CONSUMER_GROUPS, projectorGroup } from '@strata/event-log';
import { createServiceMetrics, httpMetrics, opsRouter } from '@strata/metrics';
import type { Engines } from './engines.ts';

/**
 * Metrics and health for one service process: the middleware that times its requests,
 * and the router answering `/metrics`, `/health/live` and `/health/ready` (ready while
 * the projection is within `STRATA_READY_MAX_LAG_EVENTS` of the log's head).
 */
export function serviceOps(name: string, engines: Engines, config: StrataConfig) {
  const metrics = createServiceMetrics(name);
  // the projector's group is the active read-model version's; a rebuild's shows beside it while it catches up
  const versions = async () => (await engines.readModels()).versions.state();
  const activeGroup = async () => projectorGroup((await versions()).active);
  metrics.watchLag(engines.eventLog, async () => {
    const { active, building } = await versions();
    const rebuilding = building && building.leaseUntil > Date.now() ? [projectorGroup(building.version)] : [];
    return [projectorGroup(active), ...rebuilding, CONSUMER_GROUPS.delivery];
  });
  metrics.watchHead(engines.eventStore);
  engines.onJobOutcome(({ job, result }) => {
    metrics.jobRuns.inc({ queue: job.queue, outcome: result });
    if (job.queue === FEDERATION_OUTBOX_QUEUE) metrics.deliveries.inc({ outcome: result === 'done' ? 'delivered' : result });
  });
  return {
    metrics,
    timing: httpMetrics(metrics),
    router: opsRouter(metrics, { log: engines.eventLog, group: activeGroup, maxLagEvents: config.ops.readyMaxLagEvents }),
  };
}

/** Fedify's outbox queue (`FEDERATION_QUEUES.outbox`): one job per delivery to an inbox. */
export const FEDERATION_OUTBOX_QUEUE = 'federation.outbox';

export type ServiceOps = ReturnType<typeof serviceOps>;
