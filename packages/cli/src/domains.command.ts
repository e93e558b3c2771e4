import { type CommandDeps, allowInstanceDomain, blockInstanceDomain, changeInstanceDomainBlock, disallowInstanceDomain, unblockInstanceDomain } from '@strata/commands';
import { type DomainBlockSettings, domainBlockSeverity, domainName } from '@strata/contracts';
import { BadRequestError, type EventMetadata, ValidationError } from '@strata/kernel';
import { instanceDomainAllowsCollection, instanceDomainBlocksCollection } from '@strata/views';
import type { CliCommand } from './main.ts';
import { metadata, withCommandDeps, withEngines } from './with-engines.ts';

function domainOf(value: string | undefined): string {
  const parsed = domainName.safeParse(value);
  if (!parsed.success) throw new BadRequestError('give a domain name, e.g. spam.example');
  return parsed.data;
}

function settingsOf(values: Record<string, unknown>): DomainBlockSettings {
  const severity = domainBlockSeverity.safeParse(values['severity']);
  if (!severity.success) throw new BadRequestError(`--severity must be one of ${domainBlockSeverity.options.join(', ')}`);
  const comment = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 1000) : null);
  return {
    severity: severity.data,
    rejectMedia: values['reject-media'] === true,
    rejectReports: values['reject-reports'] === true,
    obfuscate: values['obfuscate'] === true,
    privateComment: comment(values['private-comment']),
    publicComment: comment(values['public-comment']),
  };
}

/** A command that takes one domain and runs one command handler on it. */
function onDomain(summary: string, handler: (deps: CommandDeps, input: { domain: string }, meta: EventMetadata) => Promise<unknown>, done: string): CliCommand {
  return {
    summary,
    positionals: '<domain>',
    async run({ positionals }, config) {
      const domain = domainOf(positionals[0]);
      await withCommandDeps(config, (deps) => handler(deps, { domain }, metadata()));
      process.stdout.write(`${domain} ${done}\n`);
    },
  };
}

/** `strata domains …`: the servers this instance blocks or (in limited-federation mode) allows; the same commands as the admin API. */
export const domainCommands: Record<string, CliCommand> = {
  block: {
    summary: 'block a server, or change its block (--severity suspend|silence|noop, --reject-media, --reject-reports, --obfuscate, comments)',
    positionals: '<domain>',
    options: {
      severity: { type: 'string', default: 'suspend' },
      'reject-media': { type: 'boolean', default: false },
      'reject-reports': { type: 'boolean', default: false },
      obfuscate: { type: 'boolean', default: false },
      'private-comment': { type: 'string' },
      'public-comment': { type: 'string' },
    },
    async run({ values, positionals }, config) {
      const domain = domainOf(positionals[0]);
      if (domain === config.domain) throw new BadRequestError('this is your own server');
      const settings = settingsOf(values);
      await withCommandDeps(config, async (deps) => {
        try {
          await blockInstanceDomain(deps, { domain, settings }, metadata());
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          await changeInstanceDomainBlock(deps, { domain, settings }, metadata());
        }
      });
      process.stdout.write(`${domain} is now blocked (${settings.severity})\n`);
    },
  },
  unblock: onDomain('lift the block of a server', unblockInstanceDomain, 'is no longer blocked'),
  allow: onDomain('let a server federate in limited-federation mode (STRATA_LIMITED_FEDERATION=true)', allowInstanceDomain, 'is allowed'),
  disallow: onDomain('take a server off the allowed list', disallowInstanceDomain, 'is no longer allowed'),
  list: {
    summary: 'list the blocked and allowed servers',
    async run(_args, config) {
      await withEngines(config, async (engines) => {
        const store = await engines.readModels();
        for (const block of await instanceDomainBlocksCollection(store).find({ sort: { field: 'domain', direction: 'asc' } })) {
          const flags = [block.rejectMedia && 'reject-media', block.rejectReports && 'reject-reports', block.obfuscate && 'obfuscate'].filter(Boolean).join(',');
          process.stdout.write(`block\t${block.domain}\t${block.severity}${flags ? `\t${flags}` : ''}\n`);
        }
        for (const allow of await instanceDomainAllowsCollection(store).find({ sort: { field: 'domain', direction: 'asc' } })) process.stdout.write(`allow\t${allow.domain}\n`);
      });
    },
  },
};
