import type { Context } from '@fedify/fedify';
import type { AccountDoc } from '@strata/views';

/** The ActivityPub id of any account: its own URI when remote, its actor URL here when local. */
export function actorUriOf(ctx: Context<unknown>, account: AccountDoc): URL {
  return account.remote ? new URL(account.remote.uri) : ctx.getActorUri(account.username);
}

/** Where a status of a local account lives: `/users/:username/statuses/:id`, as in Mastodon. */
export function statusUriOf(ctx: Context<unknown>, username: string, statusId: string): URL {
  return new URL(`${ctx.getActorUri(username).href}/statuses/${statusId}`);
}

/** The profile page of a local account. */
export function profileUrlOf(ctx: Context<unknown>, username: string): URL {
  return new URL(`/@${username}`, ctx.canonicalOrigin);
}
