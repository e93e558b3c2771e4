import { awaitProjection, blockAccount, changeFollow, changeList, followAccount, muteAccount, setDomainBlock, toggleStatusMark, unblockAccount, unmuteAccount } from '@strata/commands';
import type { CommandDeps, Written } from '@strata/commands';
import type { EventMetadata } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import {
  accountsCollection,
  blocksCollection,
  findAccountByAcct,
  followsCollection,
  listMembersCollection,
  listsCollection,
  marksCollection,
  mutesCollection,
  statusesCollection,
  userDomainBlocksCollection,
} from '@strata/views';
import type { ImportRow, ImportType } from './csv-import.ts';

/**
 * Finds what an import names on other servers, as search with `resolve=true` does: a
 * `user@domain` handle through WebFinger, a status by its URI; what is found is recorded
 * here (the federation's remote resolver) and readable once `written` is projected.
 */
export interface RemoteLookup {
  handle(text: string): Promise<{ id: string; written: Written[] } | null>;
  url(text: string): Promise<{ kind: 'account' | 'status'; id: string; written: Written[] } | null>;
}

export interface RowContext {
  commands: CommandDeps;
  readModels: ReadModelStore;
  domain: string;
  publicUrl: string;
  accountId: string;
  metadata: EventMetadata;
  /** List titles already found or made in this run. */
  lists: Map<string, string>;
  /** The last write to each stream, so the job can wait for the read models before it says finished. */
  written: Map<string, Written>;
  /** Resolves accounts and statuses of other servers; without it only known ones are imported. */
  remote?: RemoteLookup | undefined;
  logger?: { warn(details: object, message: string): void };
}

/** Runs a command and remembers what it wrote. */
async function run<T extends Written>(context: RowContext, command: Promise<T>): Promise<T> {
  const result = await command;
  context.written.set(result.stream, result);
  return result;
}

/** Why a row could not be imported (it is skipped, never retried), or null when it was. */
export type RowOutcome = string | null;

/**
 * Applies one row through the same commands a client's request would use: follows,
 * blocks, mutes, domain blocks, bookmarks and list members. Repeating a row changes nothing.
 */
export async function importRow(context: RowContext, type: ImportType, row: ImportRow): Promise<RowOutcome> {
  const { commands, metadata, accountId } = context;
  if ('domain' in row) {
    await run(context, setDomainBlock(commands, { accountId, domain: row.domain, blocked: true }, metadata));
    return null;
  }
  if ('uri' in row) {
    const status = await statusOfUri(context, row.uri);
    // only what the importer may see: public and unlisted statuses, or their own
    if (!status || (status.accountId !== accountId && !['public', 'unlisted'].includes(status.visibility))) return `${row.uri}: no such status found`;
    await run(context, toggleStatusMark(commands, { kind: 'bookmark', on: true, accountId, statusId: status.id, statusAccountId: status.accountId }, metadata));
    return null;
  }
  const target = await accountOfAcct(context, row.acct);
  if (!target || target.suspended) return `${row.acct}: no such account found`;
  if (target.id === accountId) return `${row.acct}: that is you`;
  try {
    if (type === 'blocking') {
      const { block, ended } = await blockAccount(commands, { accountId, targetId: target.id }, metadata);
      for (const result of [block, ...ended]) context.written.set(result.stream, result);
    }
    else if (type === 'muting') await run(context, muteAccount(commands, { accountId, targetId: target.id, notifications: 'hideNotifications' in row ? row.hideNotifications !== false : true, durationSeconds: 0 }, metadata));
    else {
      const options = 'reblogs' in row ? { reblogs: row.reblogs ?? true, notify: row.notify ?? false, languages: row.languages ?? null } : {};
      // a remote account answers a Follow with Accept: until then it is a request, as from the API
      await run(context, followAccount(commands, { followerId: accountId, followedId: target.id, locked: target.locked || Boolean(target.remote), options }, metadata));
      // as Mastodon: a list import follows the account, then adds it
      if ('list' in row) await addToList(context, row.list, target.id);
    }
  } catch (error) {
    if ((error as { status?: number }).status === 403) return `${row.acct}: not allowed (a block stands between you)`;
    throw error;
  }
  return null;
}

async function addToList(context: RowContext, title: string, memberId: string) {
  let listId = context.lists.get(title);
  if (!listId) {
    const [existing] = await listsCollection(context.readModels).find({ where: { accountId: context.accountId, title }, limit: 1 });
    listId = existing?.id ?? context.commands.ids.next();
    if (!existing) {
      const created = await run(context, changeList(context.commands, { type: 'CreateList', listId, accountId: context.accountId, title, repliesPolicy: 'list', exclusive: false }, context.metadata));
      await awaitProjection({ readModels: async () => context.readModels }, created);
    }
    context.lists.set(title, listId);
  }
  await run(context, changeList(context.commands, { type: 'ChangeListMembers', listId, accountId: context.accountId, accountIds: [memberId], added: true }, context.metadata));
}

async function statusOfUri(context: RowContext, uri: string) {
  const statuses = statusesCollection(context.readModels);
  const local = new RegExp(`^${context.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/users/[^/]+/statuses/(\\d+)$`).exec(uri);
  if (local) return statuses.get(local[1]!);
  const [known] = await statuses.find({ where: { uri }, limit: 1 });
  if (known) return known;
  const found = await resolved(context, uri, (remote) => remote.url(uri));
  return found?.kind === 'status' ? statuses.get(found.id) : null;
}

/** The account a `user@domain` names: a remote one is looked up on its server (and recorded) when not known fresh. */
async function accountOfAcct(context: RowContext, acct: string) {
  const domain = acct.split('@')[1]?.toLowerCase();
  if (domain && domain !== context.domain.toLowerCase()) {
    const found = await resolved(context, acct, (remote) => remote.handle(acct));
    if (found) return accountsCollection(context.readModels).get(found.id);
  }
  // a known account stays importable while its server cannot be reached
  return findAccountByAcct(context.readModels, acct, context.domain);
}

/** Asks the remote resolver, and waits until what it recorded can be read; a peer that fails counts as not found. */
async function resolved<T extends { written: Written[] }>(context: RowContext, what: string, ask: (remote: RemoteLookup) => Promise<T | null>): Promise<T | null> {
  if (!context.remote) return null;
  const found = await ask(context.remote).catch((error: unknown) => {
    context.logger?.warn({ err: error, what }, 'an import row could not be resolved remotely');
    return null;
  });
  if (found) await awaitProjection({ readModels: async () => context.readModels }, ...found.written);
  return found;
}

/** Overwrite mode: what the account has now and the file leaves out is undone first. */
export async function undoMissing(context: RowContext, type: ImportType, rows: ImportRow[]): Promise<void> {
  const { commands, metadata, accountId } = context;
  const wanted = new Set(rows.map((row) => ('acct' in row ? normalizeAcct(row.acct, context.domain) : 'domain' in row ? row.domain : row.uri)));
  const acctOf = async (id: string) => {
    const account = await accountsCollection(context.readModels).get(id);
    return account ? `${account.usernameLower}@${account.domain ?? context.domain}` : null;
  };
  if (type === 'following') {
    for (const follow of await followsCollection(context.readModels).find({ where: { followerId: accountId } })) {
      if (!wanted.has((await acctOf(follow.followedId)) ?? '')) await run(context, changeFollow(commands, 'Unfollow', { followerId: accountId, followedId: follow.followedId }, metadata));
    }
  } else if (type === 'blocking' || type === 'muting') {
    const docs = await (type === 'blocking' ? blocksCollection : mutesCollection)(context.readModels).find({ where: { accountId } });
    for (const doc of docs) {
      if (wanted.has((await acctOf(doc.targetId)) ?? '')) continue;
      const pair = { accountId, targetId: doc.targetId };
      await run<Written>(context, type === 'blocking' ? unblockAccount(commands, pair, metadata) : unmuteAccount(commands, pair, metadata));
    }
  } else if (type === 'domain_blocking') {
    for (const block of await userDomainBlocksCollection(context.readModels).find({ where: { accountId } })) {
      if (!wanted.has(block.domain)) await run(context, setDomainBlock(commands, { accountId, domain: block.domain, blocked: false }, metadata));
    }
  } else if (type === 'bookmarks') {
    // every bookmark goes; the file's rows bring back those it names
    for (const mark of await marksCollection(context.readModels, 'bookmark').find({ where: { accountId } })) {
      await run(context, toggleStatusMark(commands, { kind: 'bookmark', on: false, accountId, statusId: mark.statusId, statusAccountId: mark.statusAccountId }, metadata));
    }
  } else if (type === 'lists') {
    // the lists the file names lose the members it does not name
    const titles = new Set(rows.flatMap((row) => ('list' in row ? [row.list] : [])));
    for (const list of await listsCollection(context.readModels).find({ where: { accountId } })) {
      if (!titles.has(list.title)) continue;
      const inFile = new Set(rows.flatMap((row) => ('list' in row && row.list === list.title ? [normalizeAcct(row.acct, context.domain)] : [])));
      const gone: string[] = [];
      for (const member of await listMembersCollection(context.readModels).find({ where: { listId: list.id } })) if (!inFile.has((await acctOf(member.accountId)) ?? '')) gone.push(member.accountId);
      if (gone.length) await run(context, changeList(commands, { type: 'ChangeListMembers', listId: list.id, accountId, accountIds: gone, added: false }, metadata));
    }
  }
}

const normalizeAcct = (acct: string, domain: string) => (acct.includes('@') ? acct.toLowerCase() : `${acct.toLowerCase()}@${domain}`);
