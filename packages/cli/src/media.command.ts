import { BadRequestError, snowflakes, systemClock } from '@strata/kernel';
import { createMediaStorage, mediaUsage, sweepMedia, sweepStrayFiles } from '@strata/media';
import type { CliCommand } from './main.ts';
import { withEngines } from './with-engines.ts';

const size = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;

export const mediaCommands: Record<string, CliCommand> = {
  usage: {
    summary: 'media stored: attached, unattached, of deleted statuses, and the bytes in storage',
    async run(_args, config) {
      await withEngines(config, async (engines) => {
        const usage = await mediaUsage(await engines.readModels());
        for (const [label, { count, bytes }] of Object.entries(usage)) process.stdout.write(`${label.padEnd(18)} ${String(count).padStart(8)} files ${size(bytes).padStart(10)}\n`);
        let files = 0;
        let bytes = 0;
        for await (const item of createMediaStorage(config).list('media_attachments')) {
          files++;
          bytes += item.size;
          if (files % 1000 === 0) process.stderr.write(`counted ${files} stored files\n`);
        }
        process.stdout.write(`${'in storage'.padEnd(18)} ${String(files).padStart(8)} files ${size(bytes).padStart(10)} (${config.media.storage})\n`);
      });
    },
  },
  'remove-orphans': {
    summary: 'remove unattached uploads older than --hours (default from config), media of deleted statuses, stray files',
    options: { hours: { type: 'string' } },
    async run({ values }, config) {
      const hours = values['hours'] === undefined ? config.media.unattachedTtlMs / 3_600_000 : Number(values['hours']);
      if (!Number.isFinite(hours) || hours < 0) throw new BadRequestError('--hours must be a number of hours');
      const olderThan = new Date(Date.now() - hours * 3_600_000);
      await withEngines(config, async (engines) => {
        const deps = { store: await engines.eventStore(), readModels: await engines.readModels(), storage: createMediaStorage(config), ids: snowflakes, clock: systemClock };
        const swept = await sweepMedia(deps, { olderThan }, (done, total) => process.stdout.write(`removed ${done} of ${total} attachments\n`));
        const stray = await sweepStrayFiles(deps, olderThan, (removed) => removed % 100 === 0 && process.stdout.write(`removed ${removed} stray files\n`));
        process.stdout.write(`removed ${swept.removed} attachments (${size(swept.bytes)}) and ${stray.removed} stray files (${size(stray.bytes)})\n`);
      });
    },
  },
};
