import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { createLogger } from '@strata/logging';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { statusesCollection } from '@strata/views';
import { inTempDir } from './measure.ts';

/**
 * A profiling driver for inbound federation: `node bench/profile-inbound.ts [concurrency]
 * [activities]` has the benchmark's peer POST signed Create(Note)s to an embedded Strata
 * in this process (add `--cpu-prof`) and prints the server's CPU time per activity and how
 * busy its event loop was while they arrived. CPU per activity changes little with the
 * machine's load, so it compares two versions better than the rate does on a shared machine.
 */
const concurrency = Number(process.argv[2] ?? '16');
const activities = Number(process.argv[3] ?? '300');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

await inTempDir(async (dir) => {
  const peer = fork(here('./inbound-peer.ts'), ['50'], { stdio: 'inherit' });
  await once(peer, 'message');
  const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', STRATA_FEDERATION_ALLOW_PRIVATE: 'true', ...TEST_RATE_LIMITS });
  const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
  try {
    const readModels = await strata.engines.readModels();
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    peer.send({ type: 'send', inbox: `${strata.url}/inbox`, count: activities, concurrency });
    const { statuses } = (await once(peer, 'message'))[0] as { statuses: Record<string, number> };
    const sentMs = Date.now() - started;
    const loopWhileSending = performance.eventLoopUtilization(loopBefore).utilization;
    let projected = 0;
    const deadline = Date.now() + 300_000;
    while (projected < activities && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      projected = await statusesCollection(readModels).count();
    }
    const cpu = process.cpuUsage(cpuBefore);
    console.log(JSON.stringify({
      concurrency, activities, answered: statuses, projected, sentMs, projectedMs: Date.now() - started,
      serverCpuMsPerActivity: Number(((cpu.user + cpu.system) / 1000 / activities).toFixed(2)),
      eventLoopUtilizationWhileSending: Number(loopWhileSending.toFixed(2)),
    }));
  } finally {
    peer.send({ type: 'stop' });
    await strata.stop();
  }
});
