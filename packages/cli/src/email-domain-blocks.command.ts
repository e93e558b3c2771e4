import { domainToASCII } from 'node:url';
import { addSignUpBlock, removeSignUpBlock } from '@strata/commands';
import { BadRequestError, snowflakes, systemClock } from '@strata/kernel';
import type { Engines } from '@strata/runtime';
import { signUpBlocksCollection } from '@strata/views';
import type { CliCommand } from './main.ts';
import { metadata, withEngines } from './with-engines.ts';

/** The command deps and the read models of one CLI run. */
async function withBlocks<T>(config: Parameters<CliCommand['run']>[1], work: (deps: { store: Awaited<ReturnType<Engines['eventStore']>>; ids: typeof snowflakes; clock: typeof systemClock }, blocks: ReturnType<typeof signUpBlocksCollection>) => Promise<T>) {
  return withEngines(config, async (engines) => work({ store: await engines.eventStore(), ids: snowflakes, clock: systemClock }, signUpBlocksCollection(await engines.readModels())));
}

const domainOf = (value: string) => {
  const domain = domainToASCII(value.trim().toLowerCase());
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new BadRequestError(`not a domain: ${value}`);
  return domain;
};

/** tootctl's `email-domain-blocks`: the same blocks as the admin API, recorded as events. */
export const emailDomainBlockCommands: Record<string, CliCommand> = {
  list: {
    summary: 'list the blocked e-mail domains',
    async run(_args, config) {
      await withEngines(config, async (engines) => {
        const blocks = await signUpBlocksCollection(await engines.readModels()).find({ where: { kind: 'email_domain' }, sort: { field: 'id', direction: 'asc' } });
        for (const block of blocks) process.stdout.write(`${block.value}${block.severity === 'sign_up_requires_approval' ? '\t(with approval)' : ''}\n`);
      });
    },
  },
  add: {
    summary: 'block sign-ups from e-mail domains: <domain>... [--with-approval]',
    positionals: '<domain>...',
    options: { 'with-approval': { type: 'boolean', default: false } },
    async run({ values, positionals }, config) {
      if (!positionals.length) throw new BadRequestError('at least one domain is required');
      const domains = positionals.map(domainOf);
      await withBlocks(config, async (deps, blocks) => {
        const existing = new Set((await blocks.find({ where: { kind: 'email_domain' } })).map((b) => b.value));
        let done = 0;
        for (const domain of domains) {
          done++;
          if (existing.has(domain)) {
            process.stdout.write(`[${done}/${domains.length}] ${domain} is already blocked\n`);
            continue;
          }
          const severity = values['with-approval'] ? 'sign_up_requires_approval' : 'sign_up_block';
          await addSignUpBlock(deps, { kind: 'email_domain', value: domain, severity, comment: '', expiresAt: null }, metadata());
          existing.add(domain);
          process.stdout.write(`[${done}/${domains.length}] blocked ${domain}\n`);
        }
      });
    },
  },
  remove: {
    summary: 'lift e-mail domain blocks: <domain>...',
    positionals: '<domain>...',
    async run({ positionals }, config) {
      const domains = positionals.map(domainOf);
      await withBlocks(config, async (deps, collection) => {
        const blocks = await collection.find({ where: { kind: 'email_domain', value: { $in: domains } } });
        for (const domain of domains) {
          const block = blocks.find((b) => b.value === domain);
          if (block) await removeSignUpBlock(deps, { blockId: block.id }, metadata());
          process.stdout.write(block ? `unblocked ${domain}\n` : `${domain} was not blocked\n`);
        }
      });
    },
  },
};
