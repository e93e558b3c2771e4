import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { followAccount, postStatus, registerAccount, toggleStatusMark } from '@strata/commands';
import { openSqliteEventStore } from '@strata/event-store';
import { snowflakes, systemClock } from '@strata/kernel';
import { PersonalDataVault } from '@strata/personal-data';
import { openSqliteReadModels } from '@strata/read-models';

const meta = () => ({ correlationId: randomUUID() });

/**
 * An event log of `total` events shaped like a small instance's: a hundred accounts
 * following each other, then statuses (70 %) and favourites (30 %). A template of real
 * events is made through the commands, then cloned with fresh ids and streams straight
 * into the store's table (making a million events one command at a time would take the
 * whole benchmark's budget).
 */
export async function seedEventLog(dir: string, total: number) {
  const store = openSqliteEventStore({ path: join(dir, 'events.db') });
  const vault = openSqliteReadModels({ path: join(dir, 'vault.db') });
  const personalData = new PersonalDataVault(vault);
  const deps = { store, ids: snowflakes, clock: systemClock, personalData };
  const accounts: string[] = [];
  for (let i = 0; i < 100; i++) {
    const { accountId } = await registerAccount(deps, { username: `user${i}`, role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
    accounts.push(accountId);
  }
  for (let i = 0; i < accounts.length; i++) {
    for (let k = 1; k <= 5; k++) await followAccount(deps, { followerId: accounts[i]!, followedId: accounts[(i + k * 7) % accounts.length]!, locked: false, options: {} }, meta());
  }
  const content = { text: 'a status with a #tag and some words', spoilerText: '', tags: ['tag'] };
  const post = (accountId: string) => postStatus(deps, { accountId, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: 'en', mentionedAccountIds: [], content, applicationId: null }, meta());
  const { statusId } = await post(accounts[0]!);
  await toggleStatusMark(deps, { kind: 'favourite', on: true, accountId: accounts[1]!, statusId, statusAccountId: accounts[0]! }, meta());
  await store.close();
  await vault.close();

  // clone the last post and favourite into the rest of the log
  const db = new DatabaseSync(join(dir, 'events.db'));
  const rows = db.prepare('SELECT * FROM events ORDER BY position DESC LIMIT 2').all() as Record<string, string | number>[];
  const [favourite, posted] = rows as [Record<string, string>, Record<string, string>];
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, version, data, metadata, time) VALUES (?, ?, 0, ?, ?, ?, ?, ?)');
  const postData = JSON.parse(posted['data']!);
  const favouriteData = JSON.parse(favourite['data']!);
  const existing = Number((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
  const recent: { id: string; author: string }[] = [];
  db.exec('BEGIN');
  for (let i = existing; i < total; i++) {
    const at = new Date().toISOString();
    if (i % 10 < 7 || recent.length === 0) {
      const id = snowflakes.next();
      const author = accounts[i % accounts.length]!;
      recent.push({ id, author });
      if (recent.length > 1000) recent.shift();
      insert.run(randomUUID(), `status-${id}`, posted['type']!, posted['version']!, JSON.stringify({ ...postData, statusId: id, accountId: author, postedAt: at }), posted['metadata']!, at);
    } else {
      const { id: statusId, author } = recent[i % recent.length]!;
      const accountId = accounts[(i * 13) % accounts.length]!;
      const data = { ...favouriteData, accountId, statusId, statusAccountId: author, toggleId: snowflakes.next(), at };
      insert.run(randomUUID(), `favourite-${accountId}-${statusId}-${i}`, favourite['type']!, favourite['version']!, JSON.stringify(data), favourite['metadata']!, at);
    }
    if (i % 50_000 === 0) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
  }
  db.exec('COMMIT');
  db.close();
}
