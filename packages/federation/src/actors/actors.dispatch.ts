import type { Federation } from '@fedify/fedify';
import { findLocalAccountByUsername } from '@strata/views';
import { type FederationDeps, INSTANCE_ACTOR } from '../deps.ts';
import { type ActorKeys, actorKeys } from '../keys/actor-keys.ts';
import { instanceActorOf, personOf } from './person.ts';
import { keyOnlyActorOf, signedFetchOnly } from './secure-mode.ts';

/**
 * Actors at `/users/{identifier}`, the identifier being the username (as Mastodon's
 * URLs are). WebFinger is answered from the same dispatcher through `mapHandle`.
 * Suspended, unapproved and unknown accounts are not served (404); in secure mode an
 * unsigned request gets the actor's keys and inbox only.
 */
export function dispatchActors(federation: Federation<FederationDeps>, deps: FederationDeps) {
  const signed = signedFetchOnly(deps);
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return instanceActorOf(ctx, identifier, deps.config.domain.replace(/:\d+$/, ''));
      const account = await servedAccount(deps, identifier);
      if (!account) return null;
      return (await signed(ctx)) ? personOf(ctx, account, deps) : keyOnlyActorOf(ctx, account);
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const keys = await servedActorKeys(deps, identifier);
      return keys ? [keys.rsa, keys.ed25519] : [];
    })
    .mapHandle(async (_ctx, username) => {
      // the instance actor answers to its domain, as Mastodon's does (acct:domain@domain)
      if (username.toLowerCase() === deps.config.domain.replace(/:\d+$/, '')) return INSTANCE_ACTOR;
      return (await servedAccount(deps, username))?.username ?? null;
    })
    .mapAlias((_ctx, resource) => {
      // the profile page URL names its account too (`/@username`)
      const match = resource.origin === new URL(deps.config.publicUrl).origin ? /^\/@([^/@]+)$/.exec(resource.pathname) : null;
      return match ? { username: match[1]! } : null;
    });
}

/** The key pairs of an actor served here (the instance actor or a served account); null for any other. */
export async function servedActorKeys(deps: FederationDeps, identifier: string): Promise<ActorKeys | null> {
  const owner = identifier === INSTANCE_ACTOR ? INSTANCE_ACTOR : (await servedAccount(deps, identifier))?.id;
  return owner ? actorKeys(await deps.vault(), owner, () => deps.clock.now()) : null;
}

/** A local account that may be served to peers. */
export async function servedAccount(deps: FederationDeps, username: string) {
  const account = await findLocalAccountByUsername(await deps.readModels(), username);
  return account && account.approved && !account.suspended ? account : null;
}
