import type { RecordedEvent } from '@strata/kernel';
import { type AccountRole, type AccountSettings, type ProfileContent, type VerifiedFieldContent, defaultAccountSettings, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { plainTextToHtml } from '@strata/text';
import { type Projection, type ProjectionContext, channels } from '../projection/projection.ts';
import { type AccountField, keepVerifications, markVerified } from './field-verification.ts';
import { erasedAccountsCollection } from './hidden-accounts.ts';
import { type RemoteAccountInfo, applyRemoteAccountFetched, applyRemoteAccountImageCached } from './remote-accounts.ts';

/** An account as queries need it; `domain` is null for local accounts. */
export interface AccountDoc extends Doc, AccountSettings {
  username: string;
  usernameLower: string;
  domain: string | null;
  role: AccountRole;
  approved: boolean;
  /** Suspended accounts and their statuses are hidden everywhere; their sessions end. */
  suspended?: boolean;
  /** Moderation limits: silenced (kept out of public timelines), sensitized (media behind a warning), sign-in disabled. */
  silenced?: boolean;
  sensitized?: boolean;
  signInDisabled?: boolean;
  createdAt: string;
  displayName: string;
  /** The note as written, and as HTML. */
  note: string;
  noteHtml: string;
  fields: AccountField[];
  avatarKey: string | null;
  headerKey: string | null;
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  lastStatusAt: string | null;
  /** Last time the account did something (posted, signed in); drives active-user counts. */
  lastActiveAt: string;
  /** Revision of the account stream last applied, so a redelivered event changes nothing. */
  streamRevision: number;
  /** Remote accounts only: the actor URI (top level, for lookups) and how to reach the actor. */
  remoteUri?: string;
  remote?: RemoteAccountInfo;
  /** The account it moved to (a remote account's Move). */
  movedToAccountId?: string | null;
  /** A local account's other identities (actor URIs), served as `alsoKnownAs`. */
  alsoKnownAs?: string[];
}

export function accountsCollection(store: ReadModelStore): Collection<AccountDoc> {
  return store.collection<AccountDoc>('accounts', {
    indexes: [['usernameLower', 'domain'], ['domain', 'lastActiveAt'], ['suspended'], ['silenced'], ['remoteUri']],
    searchFields: ['username', 'displayName'],
  });
}

const ACCOUNT_EVENTS = ['RemoteAccountFetched', 'RemoteAccountImageCached', 'RemoteAccountMoved', 'AccountAliasesChanged', 'AccountRegistered', 'AccountProfileUpdated', 'AccountFieldVerified', 'AccountSettingsChanged', 'AccountApproved', 'AccountRoleChanged', 'AccountSuspensionChanged', 'AccountLimitsChanged', 'AccountDeleted'];

export const accountsProjection: Projection = {
  name: 'accounts',
  handles: new Set(ACCOUNT_EVENTS),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    if (!event) return;
    const accounts = accountsCollection(context.readModels);
    if (event.type === 'RemoteAccountFetched') return applyRemoteAccountFetched(event, recorded, context);
    if (event.type === 'RemoteAccountImageCached') return applyRemoteAccountImageCached(event, context);
    if (event.type === 'AccountRegistered') {
      const existing = await accounts.get(event.data.accountId);
      if (existing || (await erasedAccountsCollection(context.readModels).get(event.data.accountId))) return;
      await accounts.upsert(newAccount(event.data, recorded.revision));
      return;
    }
    if (event.type === 'AccountDeleted') {
      // the document goes: every route answers 404 and no list can show it; its streams close
      await erasedAccountsCollection(context.readModels).upsert({ id: event.data.accountId, deletedAt: event.data.deletedAt });
      await accounts.delete(event.data.accountId);
      context.publish(channels.account(event.data.accountId), { event: 'suspended', accountId: event.data.accountId });
      return;
    }
    if (!('accountId' in event.data)) return;
    const account = await accounts.get(event.data.accountId);
    if (!account || account.streamRevision >= recorded.revision) return;
    const changes = await changesFor(event, account, context);
    if (changes) await accounts.patch(account.id, { ...changes, streamRevision: recorded.revision });
  },
};

type Decoded = NonNullable<ReturnType<typeof strataEvents.decode>>;

async function changesFor(event: Decoded, account: AccountDoc, context: ProjectionContext): Promise<Partial<AccountDoc> | undefined> {
  switch (event.type) {
    case 'AccountSettingsChanged':
      return { ...event.data.settings };
    case 'AccountApproved':
      return { approved: true };
    case 'RemoteAccountMoved':
      return { movedToAccountId: event.data.movedToAccountId };
    case 'AccountAliasesChanged':
      // shredded with the account: no aliases
      return { alsoKnownAs: (await context.personalData.unseal<{ aliases: string[] }>(event.data.aliases))?.aliases ?? [] };
    case 'AccountRoleChanged':
      return { role: event.data.role };
    case 'AccountSuspensionChanged':
      if (event.data.suspended) context.publish(channels.account(event.data.accountId), { event: 'suspended', accountId: event.data.accountId });
      return { suspended: event.data.suspended };
    case 'AccountLimitsChanged': {
      const { silenced, sensitized, signInDisabled } = event.data;
      return { silenced, sensitized, signInDisabled };
    }
    case 'AccountProfileUpdated': {
      const profile = await context.personalData.unseal<ProfileContent>(event.data.profile);
      // a shredded profile reads as empty: the account was erased after this event
      const changes = profileFields(profile ?? { displayName: '', note: '', fields: [], avatar: null, header: null });
      return { ...changes, fields: keepVerifications(account.fields, changes.fields ?? []) };
    }
    case 'AccountFieldVerified': {
      const field = await context.personalData.unseal<VerifiedFieldContent>(event.data.field);
      return field ? { fields: markVerified(account.fields, field, event.data.verifiedAt) } : undefined;
    }
    default:
      return undefined;
  }
}

export function profileFields(profile: ProfileContent): Partial<AccountDoc> {
  return {
    displayName: profile.displayName,
    note: profile.note,
    noteHtml: plainTextToHtml(profile.note),
    fields: profile.fields.map((field) => ({ ...field, valueHtml: plainTextToHtml(field.value).replace(/^<p>|<\/p>$/g, '') })),
    avatarKey: profile.avatar,
    headerKey: profile.header,
  };
}

function newAccount(data: { accountId: string; username: string; role: AccountRole; approved: boolean; registeredAt: string }, revision: number): AccountDoc {
  return {
    id: data.accountId,
    username: data.username,
    usernameLower: data.username.toLowerCase(),
    domain: null,
    role: data.role,
    approved: data.approved,
    createdAt: data.registeredAt,
    ...defaultAccountSettings,
    displayName: '',
    note: '',
    noteHtml: '',
    fields: [],
    avatarKey: null,
    headerKey: null,
    statusesCount: 0,
    followersCount: 0,
    followingCount: 0,
    lastStatusAt: null,
    lastActiveAt: data.registeredAt,
    streamRevision: revision,
  };
}

/**
 * The account an `acct` names, if known here: `name`, `@name` or `name@this-domain` for
 * a local account, `name@domain` for a remote account already met (none is fetched).
 */
export async function findAccountByAcct(store: ReadModelStore, acct: string, localDomain: string): Promise<AccountDoc | null> {
  const [username, domain, extra] = acct.replace(/^@/, '').split('@');
  if (!username || extra !== undefined) return null;
  if (!domain || domain.toLowerCase() === localDomain) return findLocalAccountByUsername(store, username);
  const [account] = await accountsCollection(store).find({ where: { usernameLower: username.toLowerCase(), domain: domain.toLowerCase() }, limit: 1 });
  return account ?? null;
}

export async function findLocalAccountByUsername(store: ReadModelStore, username: string): Promise<AccountDoc | null> {
  const [account] = await accountsCollection(store).find({
    where: { usernameLower: username.toLowerCase(), domain: null },
    limit: 1,
  });
  return account ?? null;
}
