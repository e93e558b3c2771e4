import { randomUUID } from 'node:crypto';
import { issueToken, openVault } from '@strata/auth';
import { followAccount, registerAccount } from '@strata/commands';
import { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { inTempDir } from './measure.ts';
import { ratio } from './support/load-generator.ts';
import { startReference } from './support/reference-servers.ts';
import { SocketFleet } from './support/socket-fleet.ts';
import { startStrataServer } from './support/strata-process.ts';
import { addCredentials } from './support/seed.ts';
import type { Benchmark } from './suites.ts';

const meta = () => ({ correlationId: randomUUID() });
const READERS = 50;

/** An author and `READERS` followers with tokens; sockets share the readers' tokens round-robin. */

async function seed(dir: string) {
  const strata = await startEmbedded(loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS }), createLogger({ level: 'silent' }));
  try {
    const store = await strata.engines.eventStore();
    const vault = openVault(await strata.engines.vault());
    const personalData = new PersonalDataVault(await strata.engines.vault());
    const deps = { store, ids: snowflakes, clock: systemClock, personalData };
    const { accountId: author } = await registerAccount(deps, { username: 'author', role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
    await addCredentials(vault, author, 'author');
    const token = async (accountId: string) => (await issueToken(vault, systemClock, { appId: 'bench', accountId, scopes: ['read', 'write'], withRefreshToken: false })).accessToken;
    const readers: string[] = [];
    for (let i = 0; i < READERS; i++) {
      const { accountId } = await registerAccount(deps, { username: `reader${i}`, role: 'user', approved: true }, meta());
      await followAccount(deps, { followerId: accountId, followedId: author, locked: false, options: {} }, meta());
      await addCredentials(vault, accountId, `reader${i}`);
      readers.push(await token(accountId));
    }
    return { authorToken: await token(author), readers };
  } finally {
    await strata.stop();
  }
}

/** Post-to-event latency at `sockets` user-stream sockets, and the same payload from a raw `ws` broadcast to as many. */
async function streamTo(dir: string, sockets: number, world: Awaited<ReturnType<typeof seed>>, progress: (message: string) => void) {
  // PROF=1 profiles the server (`--cpu-prof`, into /tmp/strata-profile)
  const strata = await startStrataServer(dir, {}, process.env['PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/strata-profile'] : []);
  const reference = await startReference('ws-broadcast');
  const fleet = new SocketFleet();
  const rounds = 5;
  try {
    const idle = await strata.rssBytes();
    progress(`opening ${sockets} sockets on Strata`);
    await fleet.open(sockets, () => `${strata.url.replace('http', 'ws')}/api/v1/streaming?stream=user`, (i) => ({ authorization: `Bearer ${world.readers[i % READERS]}` }));
    await new Promise((r) => setTimeout(r, 1000));
    const perSocket = Math.round(((await strata.rssBytes()) - idle) / sockets);
    const post = (round: number) =>
      fetch(`${strata.url}/api/v1/statuses`, { method: 'POST', headers: { authorization: `Bearer ${world.authorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: `round ${round}` }) }).then((r) => void r.arrayBuffer());
    // a warm-up every socket hears before the rounds start: a late arrival of it must not count in round 0
    await fleet.measure(1, () => post(-1));
    const measured = await fleet.measure(rounds, post);
    fleet.close();

    const referenceIdle = await reference.rssBytes();
    progress(`opening ${sockets} sockets on the raw ws broadcast`);
    await fleet.open(sockets, () => reference.url.replace('http', 'ws'));
    await new Promise((r) => setTimeout(r, 1000));
    const referencePerSocket = Math.round(((await reference.rssBytes()) - referenceIdle) / sockets);
    const broadcast = () => fetch(`${reference.url}/broadcast`, { method: 'POST', body: measured.sample }).then((r) => void r.arrayBuffer());
    const raw = await fleet.measure(rounds, broadcast);
    const { sample: _s, ...strataFigures } = measured;
    const { sample: _r, ...rawFigures } = raw;
    return {
      sockets,
      rounds,
      postToEventMs: strataFigures,
      limit: { name: 'raw ws broadcast of the same payload, own process', ...rawFigures },
      p99Ratio: ratio(measured.p99, raw.p99),
      memoryPerIdleSocketBytes: perSocket,
      referenceMemoryPerIdleSocketBytes: referencePerSocket,
    };
  } finally {
    fleet.close();
    await Promise.all([strata.stop(), reference.stop()]);
  }
}

/**
 * Streaming through a Strata process: the author posts over HTTP and every socket on the
 * user stream hears of it; the limit is a raw `ws` server sending the same payload to as
 * many sockets. Sockets share fifty readers' tokens, each connection rendered on its own.
 */
export const streamingBenchmark: Benchmark = {
  name: 'streaming',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const quick = scale < 1;
      const world = await seed(dir);
      const thousand = await streamTo(dir, quick ? 200 : 1000, world, progress);
      const tenThousand = await streamTo(dir, quick ? 2000 : 10_000, world, progress);
      return {
        ...(quick && { note: '--scale < 1: 200 and 2,000 sockets instead of 1,000 and 10,000' }),
        small: { ...thousand, goal: 'p99Ratio ≤ 2 at 1,000 sockets; memory per idle socket < 20 KB' },
        large: { ...tenThousand, goal: 'p99 < 500 ms at 10,000 sockets' },
      };
    }),
};
