import type { webcrypto } from 'node:crypto';
import type { Context } from '@fedify/fedify';
import { type Actor, Application, Group, Organization, PropertyValue, Service } from '@fedify/vocab';
import { type Written, commandDeps, commandMetadata, recordRemoteAccount } from '@strata/commands';
import { type RemoteActorDocument, RemoteActorDocument as ActorSchema, RemoteProfileContent } from '@strata/contracts';
import { htmlToPlainText } from '@strata/text';
import { type RemoteAccountInfo, findRemoteAccountByUri } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { hrefOf, isPeerUrlAllowed } from './peer-urls.ts';

/** A remote account fetched less than this long ago is used as it is. */
const FRESH_FOR_MS = 24 * 60 * 60 * 1000;

/** Whether a known remote account was fetched recently enough to be used without fetching its actor again. */
export function fetchedRecently<A extends { remote?: RemoteAccountInfo }>(account: A | null | undefined, now: Date): account is A & { remote: RemoteAccountInfo } {
  return Boolean(account?.remote && now.getTime() - Date.parse(account.remote.fetchedAt) < FRESH_FOR_MS);
}

/**
 * The local account of a remote actor: recorded (or refreshed) from the actor document
 * through the same write entry point as everything else. Null when the document is not
 * one we can federate with (no inbox, malformed fields).
 */
export async function remoteAccountFor(ctx: Context<FederationDeps>, deps: FederationDeps, actor: Actor): Promise<string | null> {
  return (await recordedRemoteAccount(ctx, deps, actor))?.accountId ?? null;
}

/** As `remoteAccountFor`, with what was written (for a reader that must see the account next). */
export async function recordedRemoteAccount(
  ctx: Context<FederationDeps>,
  deps: FederationDeps,
  actor: Actor,
  options: { refresh?: boolean } = {},
): Promise<{ accountId: string; written?: Written } | null> {
  if (!actor.id) return null;
  const known = await findRemoteAccountByUri(await deps.readModels(), actor.id.href);
  if (fetchedRecently(known, deps.clock.now()) && !options.refresh) return { accountId: known.id };
  const document = await documentOf(ctx, actor);
  if (!document) return null;
  const { accountId, result } = await recordRemoteAccount(await commandDeps(deps), document.actor, document.profile, commandMetadata());
  return { accountId, written: result };
}

async function documentOf(ctx: Context<FederationDeps>, actor: Actor): Promise<{ actor: RemoteActorDocument; profile: RemoteProfileContent } | null> {
  const loaders = await instanceLoaders(ctx);
  const key = await actor.getPublicKey(loaders).catch(() => null);
  const parsed = ActorSchema.safeParse({
    uri: actor.id?.href,
    username: actor.preferredUsername?.toString() ?? actor.id?.pathname.split('/').filter(Boolean).at(-1),
    domain: actor.id?.host,
    actorType: actorType(actor),
    url: hrefOf(actor.url),
    inbox: actor.inboxId?.href,
    sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
    followers: actor.followersId?.href ?? null,
    publicKey: key?.id && key.publicKey ? { id: key.id.href, pem: await pemOf(key.publicKey) } : null,
    locked: actor.manuallyApprovesFollowers ?? false,
    discoverable: actor.discoverable ?? false,
    indexable: 'indexable' in actor ? Boolean(actor.indexable) : false,
  });
  if (!parsed.success) return null;
  const allowPrivate = ctx.data.config.federation.allowPrivateAddress;
  const { uri, inbox, sharedInbox } = parsed.data;
  if (![uri, inbox, sharedInbox].every((url) => isPeerUrlAllowed(url, allowPrivate))) return null;
  const fields: { name: string; value: string }[] = [];
  for await (const attachment of actor.getAttachments({ ...loaders, suppressError: true })) {
    if (attachment instanceof PropertyValue && attachment.name && attachment.value) {
      fields.push({ name: htmlToPlainText(attachment.name.toString()), value: htmlToPlainText(attachment.value.toString()) });
    }
  }
  const [icon, image] = await Promise.all([actor.getIcon({ ...loaders, suppressError: true }).catch(() => null), actor.getImage({ ...loaders, suppressError: true }).catch(() => null)]);
  const profile = RemoteProfileContent.safeParse({
    displayName: htmlToPlainText(actor.name?.toString() ?? ''),
    note: htmlToPlainText(actor.summary?.toString() ?? ''),
    fields: fields.slice(0, 16),
    avatarUrl: hrefOf(icon?.url ?? null),
    headerUrl: hrefOf(image?.url ?? null),
  });
  return { actor: parsed.data, profile: profile.success ? profile.data : { displayName: '', note: '', fields: [], avatarUrl: null, headerUrl: null } };
}

function actorType(actor: Actor): RemoteActorDocument['actorType'] {
  if (actor instanceof Service) return 'Service';
  if (actor instanceof Application) return 'Application';
  if (actor instanceof Group) return 'Group';
  if (actor instanceof Organization) return 'Organization';
  return 'Person';
}

async function pemOf(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('spki', key)).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
