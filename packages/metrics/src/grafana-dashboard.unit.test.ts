import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventLog } from '@strata/event-log';
import { createServiceMetrics } from './metrics.ts';

/**
 * The example Grafana dashboard (infra/grafana/strata-dashboard.json) must chart what the
 * code measures: every metric a panel's query names is one a service registers, so a
 * renamed metric fails here instead of leaving an empty panel.
 */
const dashboard = JSON.parse(readFileSync(new URL('../../../infra/grafana/strata-dashboard.json', import.meta.url), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

/** Every metric a service can register: the figures each watcher adds included. */
function registeredNames(): Set<string> {
  const metrics = createServiceMetrics('dashboard-test');
  metrics.watchLag(async () => ({}) as EventLog, []);
  metrics.watchHead(async () => ({ headPosition: async () => 0 }));
  metrics.watchConnections(() => 0);
  metrics.watchJobQueues(async () => ({ depths: async () => [] }));
  const names = new Set<string>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    names.add(name);
    // a histogram is queried through its series
    if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
  }
  return names;
}

const metricsIn = (expr: string) => [...new Set(expr.match(/\bstrata_[a-z0-9_]+/g) ?? [])];

describe('the example Grafana dashboard', () => {
  const registered = registeredNames();

  it.each(dashboard.panels.map((panel) => [panel.title, panel] as const))('%s charts metrics the code registers', (_title, panel) => {
    expect(panel.targets.length).toBeGreaterThan(0);
    for (const { expr } of panel.targets) {
      const named = metricsIn(expr);
      expect(named.length, expr).toBeGreaterThan(0);
      for (const metric of named) expect(registered.has(metric), `${metric} in "${expr}"`).toBe(true);
    }
  });

  it('covers requests, lag, jobs, streaming and federation', () => {
    const charted = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricsIn(target.expr))));
    for (const metric of [
      'strata_http_request_duration_seconds_count',
      'strata_http_request_duration_seconds_bucket',
      'strata_event_log_lag_events',
      'strata_event_log_lag_seconds',
      'strata_job_queue_depth',
      'strata_job_queue_dead_letters',
      'strata_job_runs_total',
      'strata_streaming_connections',
      'strata_streaming_dropped_clients_total',
      'strata_federation_deliveries_total',
    ]) {
      expect(charted, metric).toContain(metric);
    }
  });
});
