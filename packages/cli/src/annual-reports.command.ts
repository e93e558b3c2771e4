import { generateAnnualReport } from '@strata/commands';
import { BadRequestError, snowflakes, systemClock } from '@strata/kernel';
import { PersonalDataVault } from '@strata/personal-data';
import { accountsCollection, computeAnnualReport, shownAccountFilter } from '@strata/views';
import type { CliCommand } from './main.ts';
import { metadata, withEngines } from './with-engines.ts';

/**
 * `strata annual-reports generate <year>`: the operator turns Wrapstodon on for a year.
 * Every local account that posted that year gets its report (once: running it again
 * changes nothing), which its owner then reads through /api/v1/annual_reports.
 */
export const annualReportCommands: Record<string, CliCommand> = {
  generate: {
    summary: 'generate the annual report of every local account that posted in <year>',
    positionals: '<year>',
    async run({ positionals }, config) {
      const year = Number(positionals[0]);
      if (!Number.isInteger(year) || year < 2000 || year > new Date().getUTCFullYear()) throw new BadRequestError('usage: strata annual-reports generate <year> (a past or the current year)');
      const generated = await withEngines(config, async (engines) => {
        const store = await engines.readModels();
        const deps = { store: await engines.eventStore(), ids: snowflakes, clock: systemClock, personalData: new PersonalDataVault(await engines.vault()) };
        let count = 0;
        for (const account of await accountsCollection(store).find({ where: { ...shownAccountFilter, domain: null } })) {
          const data = await computeAnnualReport(store, account.id, year);
          if (data && (await generateAnnualReport(deps, { accountId: account.id, year, data }, metadata())).appended > 0) count++;
        }
        return count;
      });
      process.stdout.write(`generated ${generated} annual reports for ${year}\n`);
    },
  },
};
