import type { StrataConfig } from '@strata/config';
import type { MediaStorage } from '@strata/media';
import { type AccountDoc, type CustomEmojiDoc, followsCollection, localEmojisIn } from '@strata/views';
import type { ReadModelStore } from '@strata/read-models';
import { emojisUsedIn } from './custom-emoji.presenter.ts';
import type { PresenterDeps } from './deps.ts';

type LocalEmojis = ReadonlyMap<string, CustomEmojiDoc>;

/** The texts of a local account where its owner may write `:shortcode:` (remote ones bring no emojis yet). */
export const accountEmojiTexts = (account: AccountDoc) => (account.domain === null ? [account.displayName, account.note] : []);

/** The local custom emojis these accounts' names and notes use, in one lookup: pass it to presentAccount. */
export async function accountEmojis(store: ReadModelStore, accounts: AccountDoc[]): Promise<LocalEmojis> {
  return localEmojisIn(store, accounts.flatMap(accountEmojiTexts));
}

/**
 * Account entities with the custom emojis of their names and notes, looked up once for
 * all of them: how every path renders accounts, so none loses its `emojis`.
 */
export async function presentAccounts(deps: PresenterDeps, accounts: AccountDoc[]) {
  const emojis = await accountEmojis(await deps.readModels(), accounts);
  return accounts.map((account) => presentAccount(deps.config, deps.media, account, null, emojis));
}

/** One Account entity with its emojis; `moved` is the account it moved to, when the caller looked it up. */
export async function presentOneAccount(deps: PresenterDeps, account: AccountDoc, moved: AccountDoc | null = null) {
  return presentAccount(deps.config, deps.media, account, moved, await accountEmojis(await deps.readModels(), moved ? [account, moved] : [account]));
}

/**
 * Mastodon's Account entity. Dates of account creation are midnight UTC, as Mastodon gives them.
 * `emojis` are the local custom emojis looked up for it (accountEmojis, or presentAccounts
 * which does both): a caller that renders several accounts looks them up once.
 */
export function presentAccount(config: StrataConfig, media: MediaStorage, account: AccountDoc, moved: AccountDoc | null, emojis: LocalEmojis) {
  const entity = accountEntity(config, media, account, emojis);
  return moved && account.movedToAccountId === moved.id ? { ...entity, moved: accountEntity(config, media, moved, emojis) } : entity;
}

function accountEntity(config: StrataConfig, media: MediaStorage, account: AccountDoc, emojis: LocalEmojis) {
  const local = account.domain === null;
  const acct = local ? account.username : `${account.username}@${account.domain}`;
  const remote = account.remote;
  const avatar = account.avatarKey ? media.url(account.avatarKey) : (remote?.avatarUrl ?? `${config.publicUrl}/avatars/original/missing.png`);
  const header = account.headerKey ? media.url(account.headerKey) : (remote?.headerUrl ?? `${config.publicUrl}/headers/original/missing.png`);
  return {
    id: account.id,
    username: account.username,
    acct,
    display_name: account.displayName,
    locked: account.locked,
    bot: account.bot,
    discoverable: account.discoverable,
    indexable: account.indexable,
    group: false,
    created_at: `${account.createdAt.slice(0, 10)}T00:00:00.000Z`,
    note: account.noteHtml,
    url: remote ? (remote.url ?? remote.uri) : `${config.publicUrl}/@${account.username}`,
    uri: remote ? remote.uri : `${config.publicUrl}/users/${account.username}`,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: account.followersCount,
    following_count: account.followingCount,
    statuses_count: account.statusesCount,
    last_status_at: account.lastStatusAt ? account.lastStatusAt.slice(0, 10) : null,
    hide_collections: account.hideCollections,
    noindex: !account.indexable,
    emojis: emojisUsedIn(media, emojis, accountEmojiTexts(account)),
    roles: account.role === 'user' ? [] : [presentRole(account).badge],
    fields: account.fields.map((field) => ({ name: field.name, value: field.valueHtml, verified_at: field.verifiedAt ?? null })),
  };
}

const ROLES = {
  owner: { id: '3', name: 'Owner', permissions: '1', color: '', highlighted: true },
  admin: { id: '2', name: 'Admin', permissions: '983039', color: '', highlighted: true },
  moderator: { id: '1', name: 'Moderator', permissions: '1308', color: '', highlighted: true },
  user: { id: '-99', name: '', permissions: '65536', color: '', highlighted: false },
};

function presentRole(account: AccountDoc) {
  const role = ROLES[account.role];
  return { role, badge: { id: role.id, name: role.name, color: role.color } };
}

/** The owner's CredentialAccount with its emojis and the number of follow requests waiting for it. */
export async function presentCredentialAccountOf(deps: PresenterDeps, account: AccountDoc) {
  const store = await deps.readModels();
  const [emojis, followRequests] = await Promise.all([accountEmojis(store, [account]), followsCollection(store).count({ followedId: account.id, state: 'requested' })]);
  return presentCredentialAccount(deps.config, deps.media, account, followRequests, emojis);
}

/** CredentialAccount: the Account plus what only its owner sees. */
export function presentCredentialAccount(config: StrataConfig, media: MediaStorage, account: AccountDoc, followRequestsCount: number, emojis: LocalEmojis) {
  return {
    ...presentAccount(config, media, account, null, emojis),
    source: {
      privacy: account.defaultPrivacy,
      sensitive: account.defaultSensitive,
      language: account.defaultLanguage,
      note: account.note,
      fields: account.fields.map((field) => ({ name: field.name, value: field.value, verified_at: field.verifiedAt ?? null })),
      follow_requests_count: followRequestsCount,
      hide_collections: account.hideCollections,
      discoverable: account.discoverable,
      indexable: account.indexable,
      attribution_domains: [],
    },
    role: presentRole(account).role,
  };
}
