import type { RecordedEvent } from '@strata/kernel';
import { type EventOf, type RemoteAccountFetched, type RemoteAccountImageCached, type RemoteProfileContent, defaultAccountSettings } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { plainTextToHtml } from '@strata/text';
import type { ProjectionContext } from '../projection/projection.ts';
import { type AccountDoc, accountsCollection } from './accounts.view.ts';

/** Where a remote account lives and how to reach it: what federation needs, kept beside the account. */
export interface RemoteAccountInfo {
  uri: string;
  url: string | null;
  actorType: string;
  inbox: string;
  sharedInbox: string | null;
  followers: string | null;
  publicKeyId: string | null;
  publicKeyPem: string | null;
  avatarUrl: string | null;
  headerUrl: string | null;
  fetchedAt: string;
}

/** Domains of the peers this instance has met (the instance's `domain_count`). */
export function knownDomainsCollection(store: ReadModelStore): Collection<Doc> {
  return store.collection<Doc>('known_domains');
}

const EMPTY: RemoteProfileContent = { displayName: '', note: '', fields: [], avatarUrl: null, headerUrl: null };

/** Writes the whole remote account as fetched; an older fetch redelivered changes nothing. */
export async function applyRemoteAccountFetched(event: EventOf<typeof RemoteAccountFetched>, recorded: RecordedEvent, context: ProjectionContext) {
  const accounts = accountsCollection(context.readModels);
  const existing = await accounts.get(event.data.accountId);
  if (existing && existing.streamRevision >= recorded.revision) return;
  const data = event.data;
  // a shredded profile reads as empty: the account was erased after this event
  const profile = (await context.personalData.unseal<RemoteProfileContent>(data.profile)) ?? EMPTY;
  const doc: AccountDoc = {
    id: data.accountId,
    username: data.username,
    usernameLower: data.username.toLowerCase(),
    // lower-cased: acct lookups compare domains case-insensitively
    domain: data.domain.toLowerCase(),
    role: 'user',
    approved: true,
    createdAt: existing?.createdAt ?? data.fetchedAt,
    ...defaultAccountSettings,
    locked: data.locked,
    bot: data.actorType === 'Service' || data.actorType === 'Application',
    discoverable: data.discoverable,
    indexable: data.indexable,
    displayName: profile.displayName,
    note: profile.note,
    noteHtml: plainTextToHtml(profile.note),
    fields: profile.fields.map((field) => ({ ...field, valueHtml: plainTextToHtml(field.value).replace(/^<p>|<\/p>$/g, '') })),
    // a copy cached here is kept while the profile names the same picture
    avatarKey: existing?.remote && existing.remote.avatarUrl === profile.avatarUrl ? existing.avatarKey : null,
    headerKey: existing?.remote && existing.remote.headerUrl === profile.headerUrl ? existing.headerKey : null,
    statusesCount: existing?.statusesCount ?? 0,
    followersCount: existing?.followersCount ?? 0,
    followingCount: existing?.followingCount ?? 0,
    lastStatusAt: existing?.lastStatusAt ?? null,
    lastActiveAt: existing?.lastActiveAt ?? data.fetchedAt,
    streamRevision: recorded.revision,
    remoteUri: data.uri,
    // a fetch changes the profile, never what moderators decided
    ...(existing && { suspended: existing.suspended ?? false, silenced: existing.silenced ?? false, sensitized: existing.sensitized ?? false }),
    remote: {
      uri: data.uri,
      url: data.url,
      actorType: data.actorType,
      inbox: data.inbox,
      sharedInbox: data.sharedInbox,
      followers: data.followers,
      publicKeyId: data.publicKey?.id ?? null,
      publicKeyPem: data.publicKey?.pem ?? null,
      avatarUrl: profile.avatarUrl,
      headerUrl: profile.headerUrl,
      fetchedAt: data.fetchedAt,
    },
  };
  await accounts.upsert(doc);
  await knownDomainsCollection(context.readModels).upsert({ id: data.domain.toLowerCase() });
}

/** A cached avatar or header is served instead of the remote one, if the profile still names the picture it was made from. */
export async function applyRemoteAccountImageCached(event: EventOf<typeof RemoteAccountImageCached>, context: ProjectionContext) {
  const accounts = accountsCollection(context.readModels);
  const account = await accounts.get(event.data.accountId);
  const source = await context.personalData.unseal<{ url: string }>(event.data.source);
  if (!account?.remote || !source) return;
  const current = event.data.kind === 'avatar' ? account.remote.avatarUrl : account.remote.headerUrl;
  if (current !== source.url) return;
  await accounts.patch(account.id, event.data.kind === 'avatar' ? { avatarKey: event.data.key } : { headerKey: event.data.key });
}

/** The remote account known by this actor URI, if any. */
export async function findRemoteAccountByUri(store: ReadModelStore, uri: string): Promise<AccountDoc | null> {
  const [account] = await accountsCollection(store).find({ where: { remoteUri: uri }, limit: 1 });
  return account ?? null;
}
