/** Seeds the timelines world and puts autocannon on one path for 8 s (`{list}` stands for the seeded list's id); PROF=1 profiles the server (`--cpu-prof`). */
import { readFileSync } from 'node:fs';
import { loadConfig } from '@strata/config';
import { TEST_RATE_LIMITS } from '@strata/testkit';
import { inTempDir } from './measure.ts';
import { load } from './support/load-generator.ts';
import { seedWorld } from './support/seed.ts';
import { startStrataServer } from './support/strata-process.ts';

/** User and system CPU seconds of a process so far (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const path = process.argv[2] ?? '/api/v1/timelines/home?limit=20';
await inTempDir(async (dir) => {
  const env = { STRATA_DATA: dir, STRATA_LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS };
  const world = await seedWorld(loadConfig({ PORT: '0', STRATA_HOST: '127.0.0.1', ...env }), 200, 3, () => {});
  const strata = await startStrataServer(dir, {}, process.env['PROF'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/strata-profile'] : []);
  try {
    const auth = { authorization: `Bearer ${world.tokens[1]}` };
    const cpuBefore = cpuSeconds(strata.child.pid!);
    const result = await load({ url: `${strata.url}${path.replace('{list}', world.listId)}`, headers: auth, seconds: 8 });
    // the server's CPU time per request: steadier than req/s on a machine shared with other work
    const cpuUsPerRequest = Math.round(((cpuSeconds(strata.child.pid!) - cpuBefore) * 1e6) / Math.max(1, result.requests));
    console.log(JSON.stringify({ ...result, cpuUsPerRequest }));
  } finally {
    await strata.stop();
  }
});
