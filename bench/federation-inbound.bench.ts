import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { createLogger } from '@strata/logging';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { statusesCollection } from '@strata/views';
import { inTempDir } from './measure.ts';
import type { Benchmark } from './suites.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Inbound federation: `500 × scale` signed Create(Note) activities from 50 remote actors,
 * POSTed by a peer in its own process to the shared inbox, until every one is verified,
 * turned into a status and projected. The reference is the same inbox's raw rate for
 * unsigned POSTs of the same size (refused with 401 before any work), from a load
 * generator in its own process.
 */
export const federationInboundBenchmark: Benchmark = {
  name: 'federation-inbound',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const activities = Math.round(500 * scale);
      const peer = fork(here('./inbound-peer.ts'), ['50'], { stdio: 'inherit' });
      await once(peer, 'message');
      const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', STRATA_FEDERATION_ALLOW_PRIVATE: 'true', ...TEST_RATE_LIMITS });
      const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
      try {
        const inbox = `${strata.url}/inbox`;
        const readModels = await strata.engines.readModels();
        const started = process.hrtime.bigint();
        peer.send({ type: 'send', inbox, count: activities, concurrency: 16 });
        const { statuses } = (await once(peer, 'message'))[0] as { statuses: Record<string, number> };
        const acceptedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        progress(`sent ${activities} in ${acceptedSeconds.toFixed(1)} s: ${JSON.stringify(statuses)}`);
        let projected = 0;
        const deadline = Date.now() + 300_000;
        while (projected < activities && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          projected = await statusesCollection(readModels).count();
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        progress(`${projected}/${activities} projected in ${seconds.toFixed(1)} s`);

        const generator = fork(here('./load-generator.ts'), [JSON.stringify([inbox]), String(activities * 4), '16', '700'], { stdio: 'inherit' });
        const reference = (await once(generator, 'message'))[0] as { perSecond: number };
        const perSecond = Math.round(projected / seconds);
        return {
          activities,
          answered: statuses,
          projected,
          seconds: Number(seconds.toFixed(2)),
          verifiedAndProjectedPerSecond: perSecond,
          acceptedPerSecond: Math.round(activities / acceptedSeconds),
          referenceUnsignedRefusalsPerSecond: reference.perSecond,
          ratio: Number((perSecond / reference.perSecond).toFixed(3)),
          goal: '≥ 1,000 activities/s verified and projected',
        };
      } finally {
        peer.send({ type: 'stop' });
        await strata.stop();
      }
    }),
};
