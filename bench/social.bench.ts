import { TEST_RATE_LIMITS } from '@strata/testkit';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@strata/config';
import { followAccount, postStatus, registerAccount } from '@strata/commands';
import { accountStream } from '@strata/contracts';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { homeFeed, waitForProjection } from '@strata/views';
import { startEmbedded } from '@strata/gateway';
import { rebuildWithEngines } from '@strata/projector';
import { openEngines } from '@strata/runtime';
import { issueToken, openVault } from '@strata/auth';
import { inTempDir, percentile, perSecond } from './measure.ts';
import type { Benchmark } from './suites.ts';

const meta = () => ({ correlationId: randomUUID() });

/**
 * The social loop on the embedded engines through the real HTTP API: home timeline
 * reads under concurrency, posting latency while reads run, the time one post of an
 * account with every user as follower takes to reach all their home timelines, and a
 * rebuild of every read model from the log.
 */
export const socialBenchmark: Benchmark = {
  name: 'social',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const users = Math.round(2000 * scale);
      const followsPerUser = 10;
      const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS });
      const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
      try {
        const store = await strata.engines.eventStore();
        const readModels = await strata.engines.readModels();
        const vault = openVault(await strata.engines.vault());
        const personalData = new PersonalDataVault(await strata.engines.vault());
        const deps = { store, ids: snowflakes, clock: systemClock, personalData };

        const ids: string[] = [];
        for (let i = 0; i < users; i++) {
          const { accountId } = await registerAccount(deps, { username: `user${i}`, role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
          ids.push(accountId);
          // signed-up users have credentials; a placeholder hash keeps setup fast (nobody signs in here)
          const now = new Date().toISOString();
          await vault.credentials.upsert({ id: accountId, usernameLower: `user${i}`, email: `user${i}@bench.invalid`, emailLower: `user${i}@bench.invalid`, passwordHash: 'none', confirmedAt: now, approved: true, locale: 'en', reason: null, createdAt: now, signUpIp: null });
          if (i % 1000 === 999) progress(`${i + 1}/${users} accounts`);
        }
        const celebrity = ids[0]!;
        for (let i = 1; i < users; i++) {
          const targets = new Set([celebrity]);
          while (targets.size < Math.min(followsPerUser, users - 1)) targets.add(ids[Math.floor(Math.random() * users)]!);
          targets.delete(ids[i]!);
          for (const target of targets) await followAccount(deps, { followerId: ids[i]!, followedId: target, locked: false, options: {} }, meta());
          if (i % 1000 === 999) progress(`${i + 1}/${users} follow graphs`);
        }
        for (let i = 0; i < users; i++) {
          const content = { text: `status number ${i} #bench`, spoilerText: '', tags: ['bench'] };
          await postStatus(deps, { accountId: ids[i]!, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: 'en', mentionedAccountIds: [], content, applicationId: null }, meta());
        }
        progress('waiting for the projections to catch up');
        const last = await store.headPosition();
        await waitForProjection(readModels, accountStream(ids.at(-1)!), 0, 600_000);
        while ((await readModels.collection('projected_streams').find({ sort: { field: 'position', direction: 'desc' }, limit: 1 }))[0]?.['position'] !== last) {
          await new Promise((r) => setTimeout(r, 100));
        }

        const app = { id: 'bench' };
        const tokens = await Promise.all(ids.slice(0, 200).map(async (id) => (await issueToken(vault, systemClock, { appId: app.id, accountId: id, scopes: ['read', 'write'], withRefreshToken: false })).accessToken));
        const get = async (token: string) => {
          const started = process.hrtime.bigint();
          const response = await fetch(`${strata.url}/api/v1/timelines/home?limit=20`, { headers: { authorization: `Bearer ${token}` } });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`home timeline answered ${response.status}`);
          return Number(process.hrtime.bigint() - started) / 1e6;
        };

        progress('home timeline reads');
        const readLatencies: number[] = [];
        const readStarted = process.hrtime.bigint();
        const deadline = Date.now() + 5000;
        await Promise.all(
          Array.from({ length: 16 }, async (_, worker) => {
            for (let i = worker; Date.now() < deadline; i += 16) readLatencies.push(await get(tokens[i % tokens.length]!));
          }),
        );
        const reads = perSecond(readLatencies.length, readStarted);
        readLatencies.sort((a, b) => a - b);

        progress('posting under read load');
        const postLatencies: number[] = [];
        const loadUntil = Date.now() + 3000;
        const load = Promise.all(Array.from({ length: 8 }, async (_, worker) => {
          for (let i = worker; Date.now() < loadUntil; i += 8) await get(tokens[i % tokens.length]!);
        }));
        for (let i = 0; Date.now() < loadUntil; i++) {
          const started = process.hrtime.bigint();
          const response = await fetch(`${strata.url}/api/v1/statuses`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[1 + (i % 50)]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ status: `under load ${i}` }),
          });
          await response.arrayBuffer();
          postLatencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        await load;
        postLatencies.sort((a, b) => a - b);

        progress(`one post to ${users - 1} followers`);
        const fanOutStarted = process.hrtime.bigint();
        const { statusId } = await postStatus(deps, { accountId: celebrity, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: 'en', mentionedAccountIds: [], content: { text: 'to everyone', spoilerText: '', tags: [] }, applicationId: null }, meta());
        while ((await homeFeed(readModels).count({ statusId })) < users) await new Promise((r) => setTimeout(r, 5));
        const fanOutMs = Number(process.hrtime.bigint() - fanOutStarted) / 1e6;
        await strata.stop();

        return {
          users,
          followsPerUser,
          celebrityFollowers: users - 1,
          events: last + 1,
          homeTimeline: { readsPerSecond: reads.perSecond, p50Ms: round(percentile(readLatencies, 50)), p99Ms: round(percentile(readLatencies, 99)), concurrency: 16 },
          postStatusUnderLoad: { posts: postLatencies.length, p50Ms: round(percentile(postLatencies, 50)), p99Ms: round(percentile(postLatencies, 99)) },
          fanOutToAllFollowersMs: round(fanOutMs),
          rebuild: await rebuild(config),
        };
      } finally {
        await strata.stop().catch(() => {});
      }
    }),
};

const round = (value: number) => Math.round(value * 10) / 10;

/** Stops nothing itself: runs after the server's projector is stopped, on the same files. */
async function rebuild(config: ReturnType<typeof loadConfig>) {
  const engines = openEngines(config, 'bench-rebuild');
  try {
    const result = await rebuildWithEngines(engines, config.publicUrl, createLogger({ level: 'silent' }));
    return { events: result.events, seconds: round(result.seconds), eventsPerSecond: Math.round(result.events / result.seconds) };
  } finally {
    await engines.close();
  }
}
