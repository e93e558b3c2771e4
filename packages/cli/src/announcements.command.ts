import { z } from 'zod';
import { deleteAnnouncement, publishAnnouncement } from '@strata/commands';
import { BadRequestError } from '@strata/kernel';
import { announcementsCollection } from '@strata/views';
import type { CliCommand } from './main.ts';
import { metadata, withCommandDeps, withEngines } from './with-engines.ts';

const when = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
const createInput = z.object({
  text: z.string().trim().min(1).max(5000),
  'starts-at': when.optional(),
  'ends-at': when.optional(),
  'all-day': z.boolean().default(false),
});

/** `strata announcements create <text> [--starts-at t --ends-at t --all-day] | list | delete <id>`: what every local user sees. */
export const announcementCommands: Record<string, CliCommand> = {
  create: {
    summary: 'publish an announcement to every local user: <text> [--starts-at <ISO> --ends-at <ISO> --all-day]',
    positionals: '<text>',
    options: { 'starts-at': { type: 'string' }, 'ends-at': { type: 'string' }, 'all-day': { type: 'boolean' } },
    async run({ values, positionals }, config) {
      const input = createInput.safeParse({ ...values, text: positionals.join(' ') });
      if (!input.success) throw new BadRequestError(`an announcement is 1 to 5000 characters; times are ISO 8601: ${input.error.issues[0]?.message}`);
      const { text, 'starts-at': startsAt, 'ends-at': endsAt, 'all-day': allDay } = input.data;
      if (startsAt && endsAt && startsAt > endsAt) throw new BadRequestError('--ends-at must come after --starts-at');
      const { announcementId } = await withCommandDeps(config, (deps) => publishAnnouncement(deps, { text, startsAt: startsAt ?? null, endsAt: endsAt ?? null, allDay }, metadata()));
      process.stdout.write(`published announcement ${announcementId}\n`);
    },
  },
  list: {
    summary: 'list the published announcements',
    async run(_args, config) {
      await withEngines(config, async (engines) => {
        for (const doc of await announcementsCollection(await engines.readModels()).find({ sort: { field: 'publishedAt', direction: 'asc' } })) {
          process.stdout.write(`${doc.id}\t${doc.publishedAt}\t${doc.text.replace(/\s+/g, ' ').slice(0, 60)}\n`);
        }
      });
    },
  },
  delete: {
    summary: 'delete an announcement: <id>',
    positionals: '<id>',
    async run({ positionals }, config) {
      const [id] = positionals;
      if (!id || !/^\d{1,20}$/.test(id)) throw new BadRequestError('usage: strata announcements delete <id>');
      await withCommandDeps(config, (deps) => deleteAnnouncement(deps, id, metadata()));
      process.stdout.write(`deleted announcement ${id}\n`);
    },
  },
};
