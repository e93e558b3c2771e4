import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { BadRequestError } from '@strata/kernel';
import type { CliCommand } from './main.ts';

/**
 * Backups of the embedded mode: a consistent snapshot of every SQLite file (`VACUUM INTO`
 * reads one transaction, so it is safe while the server runs) and a copy of the media
 * folder. The order matters: log checkpoints before the read models they describe (a
 * restored projector re-applies a few events, as after a crash), the read models before
 * the events (never ahead of the log), the events before the vault (every sealed field
 * finds its key), media last (every file an event names is there).
 */
// the read models' version record just before them: a rebuild's switch between the two snapshots
// leaves the old version named, whose tables stay for a grace period after the switch
const BEFORE_EVENTS = ['log-checkpoints.db', 'read-models.versions.db', 'read-models.db', 'federation-kv.db'];
const AFTER_EVENTS = ['vault.db', 'jobs.db'];

interface Manifest {
  format: 'strata-backup/1';
  createdAt: string;
  files: { name: string; bytes: number }[];
  events: number;
  media: boolean;
}

function databasesIn(dataDir: string): string[] {
  const present = readdirSync(dataDir).filter((name) => name.endsWith('.db'));
  const known = [...BEFORE_EVENTS, 'events.db', ...AFTER_EVENTS];
  // files of later versions hold derived state: snapshot them with the read models
  const others = present.filter((name) => !known.includes(name)).sort();
  return [...BEFORE_EVENTS, ...others, 'events.db', ...AFTER_EVENTS].filter((name) => present.includes(name));
}

function countEvents(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    return table ? Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n) : 0;
  } finally {
    db.close();
  }
}

export function createBackup(dataDir: string, mediaDir: string, target: string, progress: (line: string) => void): Manifest {
  if (!existsSync(dataDir)) throw new BadRequestError(`no data folder at ${dataDir}`);
  if (existsSync(target) && readdirSync(target).length > 0) throw new BadRequestError(`${target} is not empty`);
  mkdirSync(target, { recursive: true });
  const files: Manifest['files'] = [];
  for (const name of databasesIn(dataDir)) {
    const db = new DatabaseSync(join(dataDir, name));
    try {
      db.exec(`VACUUM INTO '${join(target, name).replaceAll("'", "''")}'`);
    } finally {
      db.close();
    }
    files.push({ name, bytes: statSync(join(target, name)).size });
    progress(`snapshot ${name} (${files.at(-1)!.bytes} bytes)`);
  }
  const media = existsSync(mediaDir);
  if (media) {
    cpSync(mediaDir, join(target, 'media'), { recursive: true });
    progress('copied the media folder');
  }
  const events = existsSync(join(target, 'events.db')) ? countEvents(join(target, 'events.db')) : 0;
  const manifest: Manifest = { format: 'strata-backup/1', createdAt: new Date().toISOString(), files, events, media };
  writeFileSync(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function restoreBackup(source: string, dataDir: string, mediaDir: string, force: boolean, progress: (line: string) => void): Manifest {
  const manifestPath = join(source, 'manifest.json');
  if (!existsSync(manifestPath)) throw new BadRequestError(`${source} holds no manifest.json: not a Strata backup`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (manifest.format !== 'strata-backup/1') throw new BadRequestError(`unknown backup format ${String(manifest.format)}`);
  for (const file of manifest.files) {
    if (!existsSync(join(source, file.name))) throw new BadRequestError(`the backup lacks ${file.name}`);
  }
  mkdirSync(dataDir, { recursive: true });
  const current = readdirSync(dataDir).filter((name) => /\.db(-wal|-shm)?$/.test(name));
  if (current.length > 0 || (manifest.media && existsSync(mediaDir) && readdirSync(mediaDir).length > 0)) {
    if (!force) throw new BadRequestError(`${dataDir} already holds data; stop the server and pass --force to set it aside`);
    const aside = join(dataDir, `before-restore-${Date.now()}`);
    mkdirSync(aside);
    for (const name of current) renameSync(join(dataDir, name), join(aside, name));
    if (existsSync(mediaDir)) renameSync(mediaDir, join(aside, 'media'));
    progress(`set the current data aside in ${aside}`);
  }
  for (const file of manifest.files) {
    cpSync(join(source, file.name), join(dataDir, file.name));
    progress(`restored ${file.name}`);
  }
  if (manifest.media) {
    cpSync(join(source, 'media'), mediaDir, { recursive: true });
    progress('restored the media folder');
  }
  return manifest;
}

function embeddedOnly(config: Parameters<CliCommand['run']>[1]) {
  if (config.adapters.eventStore !== 'sqlite' || config.adapters.readModels !== 'sqlite') {
    throw new BadRequestError('backups cover the embedded engines; back up EventStoreDB, MongoDB and the media bucket with their own tools (see README)');
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export const backupCommands: Record<string, CliCommand> = {
  create: {
    summary: 'snapshot the embedded data (SQLite files and media) into a new folder; safe while running',
    positionals: '<folder>',
    async run({ positionals: [target] }, config) {
      embeddedOnly(config);
      if (!target) throw new BadRequestError('name the folder to write the backup to');
      const manifest = createBackup(config.dataDir, config.mediaDir, target, say);
      say(`backed up ${manifest.files.length} databases with ${manifest.events} events to ${target}`);
    },
  },
  restore: {
    summary: 'restore a backup into the data folder (stop the server first)',
    positionals: '<folder> [--force]',
    options: { force: { type: 'boolean' } },
    async run({ positionals: [source], values }, config) {
      embeddedOnly(config);
      if (!source) throw new BadRequestError('name the backup folder to restore');
      const manifest = restoreBackup(source, config.dataDir, config.mediaDir, values['force'] === true, say);
      say(`restored ${manifest.files.length} databases with ${manifest.events} events from ${manifest.createdAt}`);
    },
  },
};
