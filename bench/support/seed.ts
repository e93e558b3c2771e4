import { randomUUID } from 'node:crypto';
import { issueToken, openVault } from '@strata/auth';
import { changeList, followAccount, postStatus, registerAccount } from '@strata/commands';
import type { loadConfig } from '@strata/config';
import { startEmbedded } from '@strata/gateway';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { PersonalDataVault } from '@strata/personal-data';

const meta = () => ({ correlationId: randomUUID() });

/** Signed-up users have credentials (without them a token's login is disabled); a placeholder hash keeps setup fast. */
export async function addCredentials(vault: ReturnType<typeof openVault>, accountId: string, username: string) {
  const now = new Date().toISOString();
  await vault.credentials.upsert({ id: accountId, usernameLower: username, email: `${username}@bench.invalid`, emailLower: `${username}@bench.invalid`, passwordHash: 'none', confirmedAt: now, approved: true, locale: 'en', reason: null, createdAt: now, signUpIp: null });
}

export interface SeededWorld {
  ids: string[];
  /** Followed by everyone. */
  celebrity: string;
  tokens: string[];
  listId: string;
  events: number;
}

/**
 * A small social world in `config`'s data folder, through the real commands and
 * projector: `users` accounts each following ten others and one celebrity, every one
 * posting public statuses tagged #bench, and a list of the first reader's. The server
 * is stopped afterwards so a benchmark can start its own process on the same files.
 */
export async function seedWorld(config: ReturnType<typeof loadConfig>, users: number, postsPerUser: number, progress: (message: string) => void): Promise<SeededWorld> {
  const strata = await startEmbedded(config, createLogger({ level: 'silent' }));
  try {
    const store = await strata.engines.eventStore();
    const vault = openVault(await strata.engines.vault());
    const personalData = new PersonalDataVault(await strata.engines.vault());
    const deps = { store, ids: snowflakes, clock: systemClock, personalData };
    const ids: string[] = [];
    for (let i = 0; i < users; i++) {
      const { accountId } = await registerAccount(deps, { username: `user${i}`, role: 'user', approved: true }, meta(), (id) => personalData.ensureSubject(id));
      ids.push(accountId);
      await addCredentials(vault, accountId, `user${i}`);
    }
    progress(`${users} accounts`);
    const celebrity = ids[0]!;
    for (let i = 1; i < users; i++) {
      const targets = new Set([celebrity]);
      while (targets.size < Math.min(11, users - 1)) targets.add(ids[Math.floor(Math.random() * users)]!);
      targets.delete(ids[i]!);
      for (const target of targets) await followAccount(deps, { followerId: ids[i]!, followedId: target, locked: false, options: {} }, meta());
    }
    progress(`${users} follow graphs`);
    for (let round = 0; round < postsPerUser; round++) {
      for (let i = 0; i < users; i++) {
        const content = { text: `status ${round} of user ${i} #bench`, spoilerText: '', tags: ['bench'] };
        await postStatus(deps, { accountId: ids[i]!, visibility: 'public', inReplyToId: null, inReplyToAccountId: null, sensitive: false, language: 'en', mentionedAccountIds: [], content, applicationId: null }, meta());
      }
    }
    progress(`${users * postsPerUser} statuses`);
    const listId = snowflakes.next();
    await changeList(deps, { type: 'CreateList', listId, accountId: ids[1]!, title: 'bench', repliesPolicy: 'list', exclusive: false }, meta());
    await changeList(deps, { type: 'ChangeListMembers', listId, accountId: ids[1]!, accountIds: ids.slice(2, 12), added: true }, meta());
    const tokens = await Promise.all(ids.slice(0, 10).map(async (accountId) => (await issueToken(vault, systemClock, { appId: 'bench', accountId, scopes: ['read', 'write'], withRefreshToken: false })).accessToken));
    const head = await store.headPosition();
    progress('waiting for the projector to catch up');
    const progressDocs = (await strata.engines.readModels()).collection('projected_streams');
    while ((await progressDocs.find({ sort: { field: 'position', direction: 'desc' }, limit: 1 }))[0]?.['position'] !== head) await new Promise((r) => setTimeout(r, 100));
    return { ids, celebrity, tokens, listId, events: head + 1 };
  } finally {
    await strata.stop();
  }
}
