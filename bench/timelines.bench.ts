import { loadConfig } from '@strata/config';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { inTempDir } from './measure.ts';
import { load, ratio } from './support/load-generator.ts';
import { startReference } from './support/reference-servers.ts';
import { seedWorld } from './support/seed.ts';
import { startStrataServer } from './support/strata-process.ts';
import type { Benchmark } from './suites.ts';

/**
 * Timelines over HTTP against a Strata process, autocannon in a third process: the home
 * timeline against an Express hello-world measured in the same run, every other
 * timeline against home, and `POST /api/v1/statuses` at a fixed rate while reads run.
 */
export const timelinesBenchmark: Benchmark = {
  name: 'timelines',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const users = Math.round(1000 * scale);
      const env = { STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS };
      const world = await seedWorld(loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', ...env }), users, 3, progress);
      const seconds = Number(process.env['STRATA_BENCH_SECONDS'] ?? 5);
      const express = await startReference('express-hello');
      const strata = await startStrataServer(dir).catch(async (error: unknown) => {
        await express.stop();
        throw error;
      });
      try {
        const auth = { authorization: `Bearer ${world.tokens[1]}` };
        const timeline = (path: string) => load({ url: `${strata.url}${path}`, headers: auth, seconds });
        progress('express hello-world');
        const hello = await load({ url: express.url, seconds });
        progress('home timeline');
        const home = await timeline('/api/v1/timelines/home?limit=20');
        const others: Record<string, string> = {
          public: '/api/v1/timelines/public?limit=20',
          local: '/api/v1/timelines/public?local=true&limit=20',
          tag: '/api/v1/timelines/tag/bench?limit=20',
          list: `/api/v1/timelines/list/${world.listId}?limit=20`,
          account: `/api/v1/accounts/${world.celebrity}/statuses?limit=20`,
        };
        const timelines: Record<string, unknown> = {};
        for (const [name, path] of Object.entries(others)) {
          progress(`${name} timeline`);
          const result = await timeline(path);
          timelines[name] = { ...result, slowerThanHomeBy: ratio(home.requestsPerSecond, result.requestsPerSecond), goal: '≤ 1.5' };
        }
        const post = () => load({ url: `${strata.url}/api/v1/statuses`, method: 'POST', headers: { authorization: `Bearer ${world.tokens[2]}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'under load' }), overallRate: 200, connections: 20, seconds });
        // the reference: the same posting with nothing else running
        progress('POST /api/v1/statuses at 200/s alone');
        const postsAlone = await post();
        progress('POST /api/v1/statuses at 200/s with home reads running');
        const [posts, reads] = await Promise.all([post(), load({ url: `${strata.url}/api/v1/timelines/home?limit=20`, headers: auth, connections: 8, seconds })]);
        return {
          users,
          events: world.events,
          seconds,
          home: { ...home, limit: { name: 'express 5 hello-world', ...hello }, ratio: ratio(home.requestsPerSecond, hello.requestsPerSecond), goal: '≥ 0.15' },
          timelines,
          postUnderReadLoad: {
            targetPerSecond: 200,
            posts,
            readsAlongside: reads,
            limit: { name: 'the same posting with no reads running', ...postsAlone },
            p99OverAlone: ratio(posts.p99Ms, postsAlone.p99Ms),
            goal: 'p99 < 15 ms',
          },
        };
      } finally {
        await Promise.all([strata.stop(), express.stop()]);
      }
    }),
};
