import { BlockList, isIPv6 } from 'node:net';
import { type Request, Router } from 'express';
import type { EventLog } from '@strata/event-log';
import type { ServiceMetrics } from './metrics.ts';

export interface Readiness {
  /** The log and the group whose lag decides readiness (the active projector version's, for services that read its models). */
  log: () => Promise<EventLog>;
  group: string | (() => Promise<string>);
  /** Events behind at which the service stops saying it is ready. */
  maxLagEvents: number;
}

/**
 * What an orchestrator and Prometheus ask of every service: `/metrics`, `/health/live`
 * (the process answers) and `/health/ready` (it can serve fresh reads: the projection is
 * not far behind the log). Metrics answer only callers inside the network.
 */
/** Prometheus and the orchestrator scrape from inside the network; the public is not shown the figures. */
const insideNetwork = new BlockList();
insideNetwork.addSubnet('127.0.0.0', 8);
insideNetwork.addSubnet('10.0.0.0', 8);
insideNetwork.addSubnet('172.16.0.0', 12);
insideNetwork.addSubnet('192.168.0.0', 16);
insideNetwork.addAddress('::1', 'ipv6');
insideNetwork.addSubnet('fc00::', 7, 'ipv6');

function fromInside(req: Request): boolean {
  // req.ip honours the app's trust-proxy setting: behind a proxy it is the client's address
  const ip = (req.ip ?? '').replace(/^::ffff:/, '');
  return ip !== '' && insideNetwork.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}

export function opsRouter(metrics: ServiceMetrics, readiness?: Readiness): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!fromInside(req)) return void res.status(403).json({ error: 'Metrics are served inside the network only' });
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  router.get('/health/live', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  router.get('/health/ready', async (_req, res) => {
    if (!readiness) return void res.type('text/plain').send('OK');
    const group = typeof readiness.group === 'string' ? readiness.group : await readiness.group().catch(() => null);
    const lag = group === null ? null : await (await readiness.log()).lag(group).catch(() => null);
    if (lag && lag.events <= readiness.maxLagEvents) return void res.type('text/plain').send('OK');
    res.status(503).json({ error: lag ? `the ${group} projection is ${lag.events} events behind` : 'the event log does not answer' });
  });
  return router;
}
