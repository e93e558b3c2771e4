import type { StrataConfig } from '@strata/config';
import type { AccountDoc } from '@strata/views';

/** Mastodon's Account entity. Dates of account creation are midnight UTC, as Mastodon gives them. */
export function presentAccount(config: StrataConfig, account: AccountDoc) {
  const local = account.domain === null;
  const acct = local ? account.username : `${account.username}@${account.domain}`;
  const url = `${config.publicUrl}/@${account.username}`;
  const missing = `${config.publicUrl}/avatars/original/missing.png`;
  const headerMissing = `${config.publicUrl}/headers/original/missing.png`;
  return {
    id: account.id,
    username: account.username,
    acct,
    display_name: '',
    locked: false,
    bot: false,
    discoverable: null,
    indexable: false,
    group: false,
    created_at: `${account.createdAt.slice(0, 10)}T00:00:00.000Z`,
    note: '',
    url,
    uri: `${config.publicUrl}/users/${account.username}`,
    avatar: missing,
    avatar_static: missing,
    header: headerMissing,
    header_static: headerMissing,
    followers_count: account.followersCount,
    following_count: account.followingCount,
    statuses_count: account.statusesCount,
    last_status_at: account.lastStatusAt ? account.lastStatusAt.slice(0, 10) : null,
    hide_collections: false,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [],
  };
}
