import { addInstanceRule, handleCommand, removeInstanceRule } from '@strata/commands';
import { instanceRules } from '@strata/views';
import { INSTANCE_STREAM, RegistrationMode } from '@strata/contracts';
import { instanceDecider } from '@strata/domain';
import { BadRequestError, systemClock } from '@strata/kernel';
import type { CliCommand } from './main.ts';
import { metadata, withCommandDeps, withEngines } from './with-engines.ts';

export const instanceCommands: Record<string, CliCommand> = {
  registrations: {
    summary: 'set who may sign up: open, approval or closed (overrides STRATA_REGISTRATIONS)',
    positionals: '<open|approval|closed>',
    async run({ positionals }, config) {
      const mode = RegistrationMode.safeParse(positionals[0]);
      if (!mode.success) throw new BadRequestError(`mode must be one of ${RegistrationMode.options.join(', ')}`);
      await withEngines(config, async (engines) => {
        const command = { type: 'ChangeRegistrationMode' as const, mode: mode.data, at: systemClock.now() };
        await handleCommand(await engines.eventStore(), INSTANCE_STREAM, instanceDecider, command, metadata());
        process.stdout.write(`registrations are now ${mode.data}\n`);
      });
    },
  },
};

/** `strata instance rules add <text> [--hint h] | list | remove <id>`: the instance rules, recorded as events. */
instanceCommands['rules'] = {
  summary: 'manage the instance rules: add <text> [--hint <text>], list, remove <id>',
  positionals: '<add|list|remove> [text|id]',
  options: { hint: { type: 'string', default: '' } },
  async run({ values, positionals }, config) {
    const [action, argument] = positionals;
    if (action === 'list') {
      await withEngines(config, async (engines) => {
        for (const rule of await instanceRules(await engines.readModels())) process.stdout.write(`${rule.id}\t${rule.text}${rule.hint ? `\t(${rule.hint})` : ''}\n`);
      });
    } else if (action === 'add' && argument) {
      const text = argument.trim();
      const hint = String(values['hint'] ?? '').trim();
      if (!text || text.length > 300 || hint.length > 1000) throw new BadRequestError('a rule is 1 to 300 characters, its hint at most 1000');
      const { ruleId } = await withCommandDeps(config, (deps) => addInstanceRule(deps, { text, hint }, metadata()));
      process.stdout.write(`added rule ${ruleId}\n`);
    } else if (action === 'remove' && argument && /^\d{1,20}$/.test(argument)) {
      await withCommandDeps(config, (deps) => removeInstanceRule(deps, { ruleId: argument }, metadata()));
      process.stdout.write(`removed rule ${argument}\n`);
    } else {
      throw new BadRequestError('usage: strata instance rules add <text> [--hint <text>] | list | remove <id>');
    }
  },
};
