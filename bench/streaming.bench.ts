import { TEST_RATE_LIMITS } from '@strata/testkit';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { issueToken, openVault } from '@strata/auth';
import { followAccount, postStatus, registerAccount } from '@strata/commands';
import { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { inTempDir, percentile } from './measure.ts';
import type { Benchmark } from './suites.ts';

const meta = () => ({ correlationId: randomUUID() });

/**
 * Streaming: `1000 × N` WebSocket clients, each a follower of one author, on the user
 * stream; the author posts and we measure post-to-event latency at every client and how
 * many deliveries per second the server makes.
 */
export const streamingBenchmark: Benchmark = {
  name: 'streaming',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const sockets = Math.round(1000 * scale);
      const config = loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS });
      const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
      const clients: WebSocket[] = [];
      try {
        const store = await strata.engines.eventStore();
        const vault = openVault(await strata.engines.vault());
        const personalData = new PersonalDataVault(await strata.engines.vault());
        const deps = { store, ids: snowflakes, clock: systemClock, personalData };
        const { accountId: author } = await registerAccount(deps, { username: 'author', role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
        const tokens: string[] = [];
        for (let i = 0; i < sockets; i++) {
          const { accountId } = await registerAccount(deps, { username: `reader${i}`, role: 'user', approved: true }, meta());
          await followAccount(deps, { followerId: accountId, followedId: author, locked: false, options: {} }, meta());
          tokens.push((await issueToken(vault, systemClock, { appId: 'bench', accountId, scopes: ['read'], withRefreshToken: false })).accessToken);
          if (i % 1000 === 999) progress(`${i + 1}/${sockets} readers`);
        }
        const url = `${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=user`;
        let received: ((at: bigint) => void) | undefined;
        for (let i = 0; i < sockets; i += 100) {
          await Promise.all(
            tokens.slice(i, i + 100).map(
              (token) =>
                new Promise<void>((resolve, reject) => {
                  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
                  socket.once('open', () => resolve());
                  socket.once('error', reject);
                  socket.on('message', () => received?.(process.hrtime.bigint()));
                  clients.push(socket);
                }),
            ),
          );
          progress(`${Math.min(i + 100, sockets)}/${sockets} sockets open`);
        }
        await new Promise((r) => setTimeout(r, 500));

        const rounds = 5;
        const latencies: number[] = [];
        let deliverySeconds = 0;
        for (let round = 0; round < rounds; round++) {
          let arrived = 0;
          const started = process.hrtime.bigint();
          let last = started;
          const all = new Promise<void>((resolve) => {
            received = (at) => {
              latencies.push(Number(at - started) / 1e6);
              last = at;
              if (++arrived === sockets) resolve();
            };
          });
          const content = { text: `round ${round}`, spoilerText: '', tags: [] };
          await postStatus(deps, { accountId: author, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: null, mentionedAccountIds: [], content, applicationId: null }, meta());
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([all, new Promise((r) => (timer = setTimeout(r, 60_000)))]);
          clearTimeout(timer);
          deliverySeconds += Number(last - started) / 1e9;
          progress(`round ${round + 1}: ${arrived}/${sockets} delivered`);
        }
        latencies.sort((a, b) => a - b);
        return {
          sockets,
          rounds,
          postToEventMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
          deliveriesPerSecond: Math.round(latencies.length / deliverySeconds),
        };
      } finally {
        for (const socket of clients) socket.terminate();
        await strata.stop();
      }
    }),
};
