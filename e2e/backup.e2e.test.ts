import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaFixtures } from '@strata/media/fixtures';
import { freePort, makeTempDir, runNode, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { signUpUsers } from './support/users.ts';

/**
 * An operator backs up a running instance, keeps using it, and restores the backup into
 * a fresh data folder: the restored instance serves exactly what existed at the backup,
 * with the same accounts, tokens and media.
 */
const live = makeTempDir('strata-e2e-backup-live-');
const restored = makeTempDir('strata-e2e-backup-restored-');
const backups = makeTempDir('strata-e2e-backup-target-');
let strata: StrataProcess | undefined;
const cli = (dataDir: string, ...args: string[]) => runNode('packages/cli/src/main.ts', args, { STRATA_DATA: dataDir, STRATA_LOG_LEVEL: 'warn' });

afterAll(async () => {
  await strata?.kill();
  for (const dir of [live, restored, backups]) dir.remove();
});

describe('backup and restore of the embedded mode', () => {
  it('restores what existed at the backup, and refuses to overwrite data unless forced', async () => {
    const port = await freePort();
    const env = { STRATA_DOMAIN: `127.0.0.1:${port}` };
    strata = await startStrataProcess({ dataDir: live.path, port, env });
    const alice = (await signUpUsers(strata.url, ['alice']))['alice']!;
    const png = new Blob([new Uint8Array(await mediaFixtures.png())], { type: 'image/png' });
    const media = await alice.client.v2.media.create({ file: png, description: 'kept' });
    const kept = await alice.client.v1.statuses.create({ status: 'written before the backup', mediaIds: [media.id] });

    const target = join(backups.path, 'snapshot');
    const backup = await cli(live.path, 'backup', 'create', target);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/snapshot events\.db/);
    expect(backup.stdout).toMatch(/backed up \d+ databases with \d+ events/);
    expect(readdirSync(target)).toEqual(expect.arrayContaining(['events.db', 'read-models.db', 'vault.db', 'manifest.json']));

    await alice.client.v1.statuses.create({ status: 'written after the backup' });
    await strata.kill();

    const refused = await cli(live.path, 'backup', 'restore', target);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data.*--force/);

    const restore = await cli(restored.path, 'backup', 'restore', target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/restored \d+ databases/);

    strata = await startStrataProcess({ dataDir: restored.path, port, env });
    const texts = (await alice.client.v1.accounts.$select(alice.id).statuses.list()).map((s) => s.content);
    expect(texts).toEqual([expect.stringContaining('written before the backup')]);
    const status = await alice.client.v1.statuses.$select(kept.id).fetch();
    expect(status.mediaAttachments[0]?.description).toBe('kept');
    expect((await fetch(status.mediaAttachments[0]!.url!)).status).toBe(200);

    const forced = await cli(live.path, 'backup', 'restore', target, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(live.path).some((name) => name.startsWith('before-restore-'))).toBe(true);
    expect(existsSync(join(live.path, 'events.db'))).toBe(true);
  });
});
