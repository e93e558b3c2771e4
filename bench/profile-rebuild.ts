/** Seeds a log of N events (default 5,000) and rebuilds every read model from it once, printing the rate; run with `--cpu-prof` to profile. */
import { loadConfig } from '@strata/config';
import { createLogger } from '@strata/logging';
import { rebuildWithEngines } from '@strata/projector';
import { openEngines } from '@strata/runtime';
import { makeTempDir } from '@strata/testkit';
import { seedEventLog } from './support/event-log-seed.ts';

const events = Number(process.argv[2] ?? 5000);
const temp = makeTempDir('strata-prof-');
await seedEventLog(temp.path, events);
const config = loadConfig({ STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'silent' });
const engines = openEngines(config, 'bench-rebuild');
const result = await rebuildWithEngines(engines, config.publicUrl, createLogger({ level: 'silent' }));
await engines.close();
temp.remove();
console.log(JSON.stringify({ ...result, rate: Math.round(result.events / result.seconds) }));
