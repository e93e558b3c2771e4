import type { Context, RequestContext } from '@fedify/fedify';
import { Endpoints, Person, Service } from '@fedify/vocab';
import type { AccountDoc } from '@strata/views';
import { domainPolicyFor } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';

/**
 * Secure mode (Mastodon's authorized fetch, `STRATA_AUTHORIZED_FETCH=true`): actors,
 * statuses and collections are served only to requests signed by a key Fedify can
 * verify, from a server the instance has not suspended. Off, everything public is
 * served to anyone, as by default in Mastodon. The instance actor, WebFinger and
 * NodeInfo stay public either way, and an unsigned fetch of an actor gets its keys
 * (`keyOnlyActorOf`): peers verify signatures by fetching keys, often unsigned.
 */
export function signedFetchOnly(deps: FederationDeps) {
  return async (ctx: RequestContext<FederationDeps>): Promise<boolean> => {
    if (!deps.config.federation.authorizedFetch) return true;
    // the signer's key is fetched signed too: its server may be in authorized-fetch mode as well
    const key = await ctx.getSignedKey(await instanceLoaders(ctx));
    if (!key?.id) return false;
    const policy = await domainPolicyFor(await deps.readModels(), key.id.host, deps.config.federation.limited);
    return !policy.suspended;
  };
}

/** What Mastodon serves of an actor to an unsigned fetch in secure mode: who it is, where its inbox is, its keys. */
export async function keyOnlyActorOf(ctx: Context<unknown>, account: AccountDoc) {
  const identifier = account.username;
  const keys = await ctx.getActorKeyPairs(identifier);
  const values = {
    id: ctx.getActorUri(identifier),
    preferredUsername: account.username,
    inbox: ctx.getInboxUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((key) => key.multikey),
  };
  return account.bot ? new Service(values) : new Person(values);
}
