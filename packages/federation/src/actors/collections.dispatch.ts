import type { Federation } from '@fedify/fedify';
import type { Recipient } from '@fedify/vocab';
import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, accountsCollection, canView, followsCollection, loadViewer, marksCollection, statusesCollection } from '@strata/views';
import { signedFetchOnly } from './secure-mode.ts';
import type { FederationDeps } from '../deps.ts';
import { createOf, noteOf } from '../outbox/note.ts';
import { actorUriOf } from './actor-uris.ts';
import { servedAccount } from './actors.dispatch.ts';

const PAGE = 40;
const FIRST = '';

/**
 * The collections each actor links to. Followers and following list actor ids page by
 * page (empty pages for an account that hides them, as Mastodon does, counts stay);
 * the outbox holds the public statuses as Create activities; featured the pinned ones.
 */
export function dispatchCollections(federation: Federation<FederationDeps>, deps: FederationDeps) {
  const signed = signedFetchOnly(deps);
  // Fedify answers a collection with a first cursor without calling its dispatcher: an
  // account not served (unknown, suspended, unapproved) gets none, so the dispatcher's null is a 404
  const firstCursor = async (_ctx: unknown, identifier: string) => ((await servedAccount(deps, identifier)) ? FIRST : null);
  const followPage = (side: 'followers' | 'following') => async (account: AccountDoc, cursor: string) => {
    const store = await deps.readModels();
    if (account.hideCollections) return { items: [] as AccountDoc[], next: null };
    const mine = side === 'followers' ? 'followedId' : 'followerId';
    const follows = await followsCollection(store).find({
      where: { [mine]: account.id, state: 'following', ...(cursor !== FIRST && { pageId: { $lt: cursor } }) },
      sort: { field: 'pageId', direction: 'desc' },
      limit: PAGE,
    });
    const others = await accountsCollection(store).getMany(follows.map((f) => (side === 'followers' ? f.followerId : f.followedId)));
    return { items: others, next: follows.length === PAGE ? follows.at(-1)!.pageId : null };
  };

  federation
    .setFollowersDispatcher('/users/{identifier}/followers', async (ctx, identifier, cursor) => {
      const account = await servedAccount(deps, identifier);
      if (!account || cursor === null) return account ? { items: [] } : null;
      const page = await followPage('followers')(account, cursor);
      const items: Recipient[] = page.items.map((other) => ({
        id: actorUriOf(ctx, other),
        inboxId: other.remote ? new URL(other.remote.inbox) : ctx.getInboxUri(other.username),
        endpoints: { sharedInbox: other.remote?.sharedInbox ? new URL(other.remote.sharedInbox) : ctx.getInboxUri() },
      }));
      return { items, nextCursor: page.next };
    })
    .setCounter(async (_ctx, identifier) => (await servedAccount(deps, identifier))?.followersCount ?? null)
    .setFirstCursor(firstCursor)
    .authorize(signed);

  federation
    .setFollowingDispatcher('/users/{identifier}/following', async (ctx, identifier, cursor) => {
      const account = await servedAccount(deps, identifier);
      if (!account || cursor === null) return account ? { items: [] } : null;
      const page = await followPage('following')(account, cursor);
      return { items: page.items.map((other) => actorUriOf(ctx, other)), nextCursor: page.next };
    })
    .setCounter(async (_ctx, identifier) => (await servedAccount(deps, identifier))?.followingCount ?? null)
    .setFirstCursor(firstCursor)
    .authorize(signed);

  federation
    .setOutboxDispatcher('/users/{identifier}/outbox', async (ctx, identifier, cursor) => {
      const account = await servedAccount(deps, identifier);
      if (!account || cursor === null) return account ? { items: [] } : null;
      const store = await deps.readModels();
      const statuses = await statusesCollection(store).find({
        where: { accountId: account.id, visibility: 'public', reblogOfId: null, ...(cursor !== FIRST && { id: { $lt: cursor } }) },
        sort: { field: 'id', direction: 'desc' },
        limit: PAGE,
      });
      const items = await Promise.all(statuses.map(async (status) => createOf(ctx, account, await noteOf(ctx, store, account, status))));
      return { items, nextCursor: statuses.length === PAGE ? statuses.at(-1)!.id : null };
    })
    .setCounter(async (_ctx, identifier) => (await servedAccount(deps, identifier))?.statusesCount ?? null)
    .setFirstCursor(firstCursor)
    .authorize(signed);

  federation
    .setFeaturedDispatcher('/users/{identifier}/collections/featured', async (ctx, identifier) => {
      const account = await servedAccount(deps, identifier);
      if (!account) return null;
      const store = await deps.readModels();
      return { items: await pinnedNotes(ctx, store, account) };
    })
    .authorize(signed);
}

async function pinnedNotes(ctx: Parameters<typeof noteOf>[0], store: ReadModelStore, account: AccountDoc) {
  const pins = await marksCollection(store, 'pin').find({ where: { accountId: account.id }, sort: { field: 'markId', direction: 'desc' }, limit: PAGE });
  const statuses = await statusesCollection(store).getMany(pins.map((pin) => pin.statusId));
  const anonymous = await loadViewer(store, null, new Date());
  const shown = statuses.filter((status) => canView(anonymous, status));
  return Promise.all(shown.map((status) => noteOf(ctx, store, account, status)));
}

