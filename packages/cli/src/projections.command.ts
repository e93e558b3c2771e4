import { BadRequestError } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { type RebuildProgress, rebuildWithEngines } from '@strata/projector';
import type { CliCommand } from './main.ts';
import { withEngines } from './with-engines.ts';

const progressLine = ({ phase, version, from, projected, behind }: RebuildProgress) => {
  switch (phase) {
    case 'catching-up':
      return `version ${version}: ${projected} events projected, ${behind} behind the head (version ${from} serves meanwhile)`;
    case 'handing-over':
      return `version ${version} caught up with the head (${projected} events): handing over to the live projector`;
    case 'switched':
      return `readers switched from version ${from} to version ${version}`;
    case 'dropped':
      return `version ${from} dropped`;
  }
};

/** Milliseconds from a `--<name> <seconds>` option. */
const seconds = (value: unknown, name: string, fallback: number) => {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new BadRequestError(`--${name} takes a number of seconds`);
  return parsed * 1000;
};

export const projectionCommands: Record<string, CliCommand> = {
  rebuild: {
    summary: 'rebuild every read model from the event log into a new version, while the server runs',
    positionals: '[--grace-seconds 5] [--takeover-seconds 3]',
    options: { 'grace-seconds': { type: 'string' }, 'takeover-seconds': { type: 'string' } },
    async run({ values }, config) {
      const graceMs = seconds(values['grace-seconds'], 'grace-seconds', 5);
      const takeoverMs = seconds(values['takeover-seconds'], 'takeover-seconds', 3);
      await withEngines(config, async (engines) => {
        // progress goes to stderr: stdout keeps the one result line for scripts
        const result = await rebuildWithEngines(engines, config.publicUrl, createLogger({ level: 'warn' }), {
          graceMs,
          takeoverMs,
          onProgress: (progress) => process.stderr.write(`${progressLine(progress)}\n`),
        });
        process.stdout.write(`rebuilt the read models from ${result.events} events in ${result.seconds.toFixed(1)} s (version ${result.version} replaces version ${result.from})\n`);
      });
    },
  },
};
