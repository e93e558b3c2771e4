import { stringify } from 'csv-stringify/sync';
import type { ReadModelStore } from '@strata/read-models';
import {
  type AccountDoc,
  accountsCollection,
  blocksCollection,
  followsCollection,
  listMembersCollection,
  listsCollection,
  marksCollection,
  mutesCollection,
  statusesCollection,
  userDomainBlocksCollection,
} from '@strata/views';

/** The CSV files of Mastodon's /settings/exports, by file name. */
export const exportKinds = ['following_accounts', 'followers', 'lists', 'blocks', 'mutes', 'domain_blocks', 'bookmarks'] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportContext {
  readModels: ReadModelStore;
  /** The local domain: local accounts are written user@domain, as Mastodon does. */
  domain: string;
  publicUrl: string;
}

const EXPORT_LIMIT = 100_000;

/** One export in Mastodon's CSV format (the same columns, headers where Mastodon writes them). */
export async function exportCsv(context: ExportContext, accountId: string, kind: ExportKind): Promise<string> {
  const store = context.readModels;
  const accts = (ids: string[]) => acctsOf(context, ids);
  switch (kind) {
    case 'following_accounts': {
      const follows = await followsCollection(store).find({ where: { followerId: accountId, state: 'following' }, sort: { field: 'pageId', direction: 'asc' }, limit: EXPORT_LIMIT });
      const names = await accts(follows.map((f) => f.followedId));
      const rows = follows.flatMap((f) => (names.has(f.followedId) ? [[names.get(f.followedId), String(f.reblogs), String(f.notify), (f.languages ?? []).join(',')]] : []));
      return stringify(rows, { header: true, columns: ['Account address', 'Show boosts', 'Notify on new posts', 'Languages'] });
    }
    case 'followers': {
      const follows = await followsCollection(store).find({ where: { followedId: accountId, state: 'following' }, sort: { field: 'pageId', direction: 'asc' }, limit: EXPORT_LIMIT });
      const names = await accts(follows.map((f) => f.followerId));
      return stringify(follows.flatMap((f) => (names.has(f.followerId) ? [[names.get(f.followerId)]] : [])), { header: true, columns: ['Account address'] });
    }
    case 'lists': {
      const lists = await listsCollection(store).find({ where: { accountId }, sort: { field: 'title', direction: 'asc' } });
      const rows: string[][] = [];
      for (const list of lists) {
        const members = await listMembersCollection(store).find({ where: { listId: list.id } });
        const names = await accts(members.map((m) => m.accountId));
        for (const member of members) if (names.has(member.accountId)) rows.push([list.title, names.get(member.accountId)!]);
      }
      return stringify(rows);
    }
    case 'blocks': {
      const blocks = await blocksCollection(store).find({ where: { accountId }, sort: { field: 'pageId', direction: 'asc' }, limit: EXPORT_LIMIT });
      const names = await accts(blocks.map((b) => b.targetId));
      return stringify(blocks.flatMap((b) => (names.has(b.targetId) ? [[names.get(b.targetId)]] : [])));
    }
    case 'mutes': {
      const mutes = await mutesCollection(store).find({ where: { accountId }, sort: { field: 'pageId', direction: 'asc' }, limit: EXPORT_LIMIT });
      const names = await accts(mutes.map((m) => m.targetId));
      const rows = mutes.flatMap((m) => (names.has(m.targetId) ? [[names.get(m.targetId), String(m.notifications)]] : []));
      return stringify(rows, { header: true, columns: ['Account address', 'Hide notifications'] });
    }
    case 'domain_blocks': {
      const blocks = await userDomainBlocksCollection(store).find({ where: { accountId }, sort: { field: 'seq', direction: 'asc' }, limit: EXPORT_LIMIT });
      return stringify(blocks.map((b) => [b.domain]));
    }
    case 'bookmarks': {
      const marks = await marksCollection(store, 'bookmark').find({ where: { accountId }, sort: { field: 'markId', direction: 'asc' }, limit: EXPORT_LIMIT });
      const statuses = await statusesCollection(store).find({ where: { id: { $in: marks.map((m) => m.statusId) } } });
      const authors = await accountsById(store, statuses.map((s) => s.accountId));
      const uris = new Map(statuses.flatMap((s) => {
        const author = authors.get(s.accountId);
        return author ? [[s.id, s.uri ?? `${context.publicUrl}/users/${author.username}/statuses/${s.id}`] as const] : [];
      }));
      return stringify(marks.flatMap((m) => (uris.has(m.statusId) ? [[uris.get(m.statusId)]] : [])));
    }
  }
}

async function accountsById(store: ReadModelStore, ids: string[]): Promise<Map<string, AccountDoc>> {
  if (!ids.length) return new Map();
  const accounts = await accountsCollection(store).find({ where: { id: { $in: [...new Set(ids)] } } });
  return new Map(accounts.map((a) => [a.id, a]));
}

/** user@domain of each account that still exists and is not suspended. */
async function acctsOf(context: ExportContext, ids: string[]): Promise<Map<string, string>> {
  const accounts = await accountsById(context.readModels, ids);
  return new Map([...accounts.values()].filter((a) => !a.suspended).map((a) => [a.id, `${a.username}@${a.domain ?? context.domain}`]));
}
