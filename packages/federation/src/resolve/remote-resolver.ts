import type { Context } from '@fedify/fedify';
import { Note, type Object as APObject, isActor } from '@fedify/vocab';
import { type Written, commandDeps, commandMetadata, postRemoteStatus } from '@strata/commands';
import { accountsCollection, findAccountByAcct, findRemoteAccountByUri, statusesCollection } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import type { StrataFederation } from '../create-federation.ts';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { fetchedRecently, recordedRemoteAccount } from '../inbox/remote-actor.ts';
import { isNoteLike, type NoteLike } from '../inbox/remote-content.ts';
import { isOwnedBy, remoteStatusOf, statusByUri } from '../inbox/remote-note.ts';
import { actorUrlOfHandle, parseHandle } from './webfinger.ts';

/** What a resolution found: a local id, and what was written for it (to wait on before reading it). */
export interface Resolved {
  kind: 'account' | 'status';
  id: string;
  written: Written[];
}

/**
 * Finds remote accounts and statuses the instance does not know yet, as Mastodon's
 * search with `resolve=true` does: a `user@domain` handle through WebFinger, a profile or
 * status URL by fetching it (signed by the instance actor, so peers in authorized-fetch
 * mode answer). What is found is recorded through the same commands inbound activities use.
 */
export function remoteResolver(federation: StrataFederation, deps: FederationDeps) {
  const context = () => federation.createContext(new URL(deps.config.publicUrl), deps);
  const ownDomain = deps.config.domain.toLowerCase();

  async function lookup(ctx: Context<FederationDeps>, url: URL): Promise<APObject | null> {
    const documentLoader = (await instanceLoaders(ctx)).documentLoader;
    return ctx.lookupObject(url, { documentLoader }).catch((error: unknown) => {
      deps.logger.info({ err: error, url: url.href }, 'remote object could not be fetched');
      return null;
    });
  }

  async function accountOf(ctx: Context<FederationDeps>, object: APObject | null): Promise<Resolved | null> {
    if (!isActor(object)) return null;
    const recorded = await recordedRemoteAccount(ctx, deps, object);
    return recorded && { kind: 'account', id: recorded.accountId, written: recorded.written ? [recorded.written] : [] };
  }

  async function statusOf(ctx: Context<FederationDeps>, note: NoteLike): Promise<Resolved | null> {
    const known = await statusByUri(ctx, note.id!);
    if (known) return { kind: 'status', id: known.id, written: [] };
    const authorUri = note.attributionIds[0];
    if (!authorUri || !isOwnedBy(note, authorUri)) return null;
    const authorActor = await lookup(ctx, authorUri);
    const author = await accountOf(ctx, authorActor);
    if (!author || !isActor(authorActor)) return null;
    const account = await accountsCollection(await deps.readModels()).get(author.id);
    if (account?.suspended) return null;
    const sender = { id: author.id, followers: authorActor.followersId?.href ?? null, suspended: false };
    const status = await remoteStatusOf(ctx, sender, note);
    const published = note.published ? new Date(note.published.epochMilliseconds) : deps.clock.now();
    const { statusId, result } = await postRemoteStatus(await commandDeps(deps), { ...status, publishedAt: published }, commandMetadata(author.id));
    return { kind: 'status', id: statusId, written: [...author.written, result] };
  }

  /** A remote status or account already here under this id (nothing to fetch). */
  async function knownOf(url: URL): Promise<Resolved | null> {
    const store = await deps.readModels();
    const [status] = await statusesCollection(store).find({ where: { uri: url.href }, limit: 1 });
    if (status) return { kind: 'status', id: status.id, written: [] };
    const account = await findRemoteAccountByUri(store, url.href);
    return fetchedRecently(account, deps.clock.now()) ? { kind: 'account', id: account.id, written: [] } : null;
  }

  /** One of our own URLs: an actor or a status (ActivityPub id or web page); nothing is fetched. */
  async function localOf(ctx: Context<FederationDeps>, url: URL): Promise<Resolved | null> {
    const page = /^\/@([^/@]+)(?:\/(\d{1,20}))?\/?$/.exec(url.pathname);
    const parsed = ctx.parseUri(url);
    const username = parsed?.type === 'actor' ? parsed.identifier : page?.[1];
    const account = username ? await servedAccount(deps, username) : null;
    if (page?.[2] || (parsed?.type === 'object' && parsed.class === Note)) {
      const status = page?.[2] ? await statusesCollection(await deps.readModels()).get(page[2]) : await statusByUri(ctx, url);
      return status && (!page || status.accountId === account?.id) ? { kind: 'status', id: status.id, written: [] } : null;
    }
    return account ? { kind: 'account', id: account.id, written: [] } : null;
  }

  return {
    /** A remote `user@domain` handle; null for a local one, an unknown one or one we cannot federate with. */
    async handle(text: string): Promise<Resolved | null> {
      const handle = parseHandle(text);
      if (!handle || handle.domain === ownDomain) return null;
      const known = await findAccountByAcct(await deps.readModels(), `${handle.username}@${handle.domain}`, ownDomain);
      if (fetchedRecently(known, deps.clock.now())) return { kind: 'account', id: known.id, written: [] };
      const ctx = context();
      const actorUrl = await actorUrlOfHandle(ctx, handle, deps.config.federation.allowPrivateAddress);
      return actorUrl ? accountOf(ctx, await lookup(ctx, actorUrl)) : null;
    },

    /** An actor or status URL (its id, or a page that negotiates to it): fetched when remote. */
    async url(text: string): Promise<Resolved | null> {
      let url: URL;
      try {
        url = new URL(text.trim());
      } catch {
        return null;
      }
      if (!['http:', 'https:'].includes(url.protocol)) return null;
      const ctx = context();
      if (url.origin === new URL(deps.config.publicUrl).origin) return localOf(ctx, url);
      const known = await knownOf(url);
      if (known) return known;
      const object = await lookup(ctx, url);
      if (!object) return null;
      if (isNoteLike(object) && object.id) return statusOf(ctx, object);
      return accountOf(ctx, object);
    },
  };
}

export type RemoteResolver = ReturnType<typeof remoteResolver>;
