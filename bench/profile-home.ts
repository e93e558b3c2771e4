/** Seeds the timelines world and puts autocannon on one path for 8 s (`{list}` stands for the seeded list's id); PROF=1 profiles the server (`--cpu-prof`). */
import { loadConfig } from '@strata/config';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { inTempDir } from './measure.ts';
import { load } from './support/load-generator.ts';
import { seedWorld } from './support/seed.ts';
import { startStrataServer } from './support/strata-process.ts';

const path = process.argv[2] ?? '/api/v1/timelines/home?limit=20';
await inTempDir(async (dir) => {
  const env = { STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS };
  const world = await seedWorld(loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', ...env }), 200, 3, () => {});
  const strata = await startStrataServer(dir, {}, process.env['PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/strata-profile'] : []);
  try {
    const auth = { authorization: `Bearer ${world.tokens[1]}` };
    const result = await load({ url: `${strata.url}${path.replace('{list}', world.listId)}`, headers: auth, seconds: 8 });
    console.log(JSON.stringify(result));
  } finally {
    await strata.stop();
  }
});
