import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { followAccount, postStatus, recordRemoteAccount, registerAccount } from '@strata/commands';
import { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { followsCollection } from '@strata/views';
import { inTempDir } from './measure.ts';
import type { Benchmark } from './suites.ts';

const meta = () => ({ correlationId: randomUUID() });
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Asks a child process something over IPC and waits for the answer of that type. */
async function ask<T>(child: ChildProcess, type: string): Promise<T> {
  const answer = new Promise<T>((resolve) => {
    const listen = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', listen);
      resolve(message as T);
    };
    child.on('message', listen);
  });
  child.send({ type });
  return answer;
}

/**
 * Outbound federation: one post to `1000 × scale` remote followers spread over 50 hosts
 * (no shared inboxes, so one signed delivery per follower) through the log, the render
 * job and Fedify's queues; a sink in its own process counts the arrivals. The reference
 * is the sink's raw rate for unsigned POSTs of the same size from a load generator in a
 * third process.
 */
export const federationOutboundBenchmark: Benchmark = {
  name: 'federation-outbound',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const followers = Math.round(1000 * scale);
      const hosts = 50;
      const sink = fork(here('./federation-sink.ts'), [String(hosts)], { stdio: 'inherit' });
      const { ports } = (await once(sink, 'message'))[0] as { ports: number[] };
      const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', STRATA_FEDERATION_ALLOW_PRIVATE: 'true', ...TEST_RATE_LIMITS });
      const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
      try {
        const store = await strata.engines.eventStore();
        const personalData = new PersonalDataVault(await strata.engines.vault());
        const deps = { store, ids: snowflakes, clock: systemClock, personalData };
        const { accountId: author } = await registerAccount(deps, { username: 'author', role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
        for (let i = 0; i < followers; i++) {
          const origin = `http://127.0.0.4:${ports[i % hosts]}`;
          const actor = {
            uri: `${origin}/users/f${i}`, username: `f${i}`, domain: new URL(origin).host, actorType: 'Person' as const, url: null,
            inbox: `${origin}/users/f${i}/inbox`, sharedInbox: null, followers: null, publicKey: null, locked: false, discoverable: false, indexable: false,
          };
          const { accountId } = await recordRemoteAccount(deps, actor, { displayName: '', note: '', fields: [], avatarUrl: null, headerUrl: null }, meta());
          await followAccount(deps, { followerId: accountId, followedId: author, locked: false, options: {} }, meta());
          if (i % 250 === 249) progress(`${i + 1}/${followers} remote followers`);
        }
        // let the projector catch up with the follows before the post goes out
        const readModels = await strata.engines.readModels();
        while ((await followsCollection(readModels).count({ followedId: author })) < followers) await new Promise((r) => setTimeout(r, 100));

        const started = process.hrtime.bigint();
        // Strata runs in this process: its CPU per delivery varies less with the machine's load than the rate
        const cpuBefore = process.cpuUsage();
        const content = { text: 'to the fediverse', spoilerText: '', tags: [] };
        await postStatus(deps, { accountId: author, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content, applicationId: null }, meta());
        let arrived = 0;
        const deadline = Date.now() + 300_000;
        while (arrived < followers && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          arrived = (await ask<{ count: number }>(sink, 'count')).count;
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpu = process.cpuUsage(cpuBefore);
        progress(`${arrived}/${followers} deliveries in ${seconds.toFixed(1)} s`);
        await strata.stop();

        const before = (await ask<{ count: number }>(sink, 'count')).count;
        const generator = fork(here('./load-generator.ts'), [JSON.stringify(ports.map((port) => `http://127.0.0.4:${port}/inbox`)), String(followers * 5), '16', '2500'], { stdio: 'inherit' });
        const reference = (await once(generator, 'message'))[0] as { perSecond: number };
        progress(`sink raw ${reference.perSecond} req/s (${(await ask<{ count: number }>(sink, 'count')).count - before} counted)`);
        const deliveriesPerSecond = Math.round(arrived / seconds);
        return {
          followers,
          hosts,
          delivered: arrived,
          seconds: Number(seconds.toFixed(2)),
          deliveriesPerSecond,
          serverCpuMsPerDelivery: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, arrived)).toFixed(2)),
          referenceSinkRequestsPerSecond: reference.perSecond,
          ratio: Number((deliveriesPerSecond / reference.perSecond).toFixed(3)),
          goal: '≥ 2,000 deliveries/s',
        };
      } finally {
        sink.send({ type: 'stop' });
        await strata.stop().catch(() => {});
      }
    }),
};
