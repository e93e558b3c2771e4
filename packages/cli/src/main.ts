import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@strata/config';
import { StrataError } from '@strata/kernel';
import { accountCommands } from './accounts.command.ts';
import { instanceCommands } from './instance.command.ts';
import { projectionCommands } from './projections.command.ts';
import { mediaCommands } from './media.command.ts';
import { emailDomainBlockCommands } from './email-domain-blocks.command.ts';
import { backupCommands } from './backup.command.ts';
import { announcementCommands } from './announcements.command.ts';
import { annualReportCommands } from './annual-reports.command.ts';
import { domainCommands } from './domains.command.ts';
import { emojiCommands } from './emojis.command.ts';

/**
 * `pnpm strata <group> <command> [options]`: the operator's tool, what tootctl is to
 * Mastodon. It writes through the same command handlers as the API, so the running
 * server picks up its changes from the event log.
 */
const groups: Record<string, Record<string, CliCommand>> = { accounts: accountCommands, instance: instanceCommands, projections: projectionCommands, media: mediaCommands, 'email-domain-blocks': emailDomainBlockCommands, settings: { registrations: instanceCommands['registrations']! }, backup: backupCommands, announcements: announcementCommands, 'annual-reports': annualReportCommands, domains: domainCommands, emojis: emojiCommands };

export interface CliCommand {
  summary: string;
  options?: ParseArgsOptionsConfig;
  positionals?: string;
  run(args: { values: Record<string, unknown>; positionals: string[] }, config: ReturnType<typeof loadConfig>): Promise<void>;
}

function usage(): string {
  const lines = ['usage: pnpm strata <group> <command> [options]', ''];
  for (const [group, commands] of Object.entries(groups)) {
    for (const [name, command] of Object.entries(commands)) {
      lines.push(`  ${group} ${name} ${command.positionals ?? ''}`.padEnd(44) + command.summary);
    }
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [group, name, ...rest] = argv;
  const command = group && name ? groups[group]?.[name] : undefined;
  if (!command) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  await command.run({ values: parsed.values as Record<string, unknown>, positionals: parsed.positionals }, loadConfig());
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError || error instanceof StrataError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    const details = (error as { details?: unknown }).details;
    process.stderr.write(`strata: ${(error as Error).message}${details ? ` ${JSON.stringify(details)}` : ''}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
