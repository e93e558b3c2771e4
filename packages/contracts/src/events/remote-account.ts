import { z } from 'zod';
import { SealedData, snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/**
 * A remote actor's URI is claimed once, in a stream of its own, by the local id given to
 * it: every process that meets the same actor ends up with the same account.
 */
export const remoteActorStream = (uriHash: string) => `remote-actor-${uriHash}`;

export const RemoteActorClaimed = defineEvent('RemoteActorClaimed', 1, z.object({ uri: z.url(), accountId: snowflakeId }));

export const remoteActorTypes = ['Person', 'Service', 'Application', 'Group', 'Organization'] as const;

/** What a peer says about its actor, apart from the profile (which is personal data and sealed). */
export const RemoteActorDocument = z.object({
  uri: z.url(),
  username: z.string().min(1).max(255),
  domain: z.string().min(1).max(255),
  actorType: z.enum(remoteActorTypes),
  url: z.url().nullable(),
  inbox: z.url(),
  sharedInbox: z.url().nullable(),
  followers: z.url().nullable(),
  publicKey: z.object({ id: z.url(), pem: z.string() }).nullable(),
  locked: z.boolean(),
  discoverable: z.boolean(),
  indexable: z.boolean(),
});
export type RemoteActorDocument = z.infer<typeof RemoteActorDocument>;

/** What RemoteAccountFetched seals: the profile the peer published (note already reduced to text). */
export const RemoteProfileContent = z.object({
  displayName: z.string(),
  note: z.string(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  avatarUrl: z.url().nullable(),
  headerUrl: z.url().nullable(),
});
export type RemoteProfileContent = z.infer<typeof RemoteProfileContent>;

/** A remote account as fetched from its server (first time or refreshed): the whole document each time. */
export const RemoteAccountFetched = defineEvent(
  'RemoteAccountFetched',
  1,
  RemoteActorDocument.extend({ accountId: snowflakeId, profile: SealedData, fetchedAt: z.iso.datetime() }),
);

/** A remote account moved to another (its Move, checked against the target's `alsoKnownAs`). */
export const RemoteAccountMoved = defineEvent('RemoteAccountMoved', 1, z.object({ accountId: snowflakeId, movedToAccountId: snowflakeId, at: z.iso.datetime() }));

/** A remote account's recent statuses are to be fetched from its outbox (on a first view of its statuses), in a stream per account. */
export const remoteBackfillStream = (accountId: string) => `remote-backfill-${accountId}`;
export const RemoteAccountBackfillRequested = defineEvent('RemoteAccountBackfillRequested', 1, z.object({ accountId: snowflakeId, at: z.iso.datetime() }));

/**
 * A remote account's avatar or header was fetched from its server and stored here (cropped,
 * metadata stripped, as WebP). `source`, the remote URL it was made from, is sealed with the
 * account's key like the profile naming it: the copy is served while the profile names the same picture.
 */
export const RemoteAccountImageCached = defineEvent(
  'RemoteAccountImageCached',
  1,
  z.object({ accountId: snowflakeId, kind: z.enum(['avatar', 'header']), source: SealedData, key: z.string().min(1).max(300), cachedAt: z.iso.datetime() }),
);

/**
 * The backfill asked for at `requestedAt` ran: `recorded` statuses came from the outbox.
 * Clients follow it as an async refresh (`Mastodon-Async-Refresh`) of the account's statuses.
 */
export const RemoteAccountBackfillFinished = defineEvent(
  'RemoteAccountBackfillFinished',
  1,
  z.object({ accountId: snowflakeId, requestedAt: z.iso.datetime(), recorded: z.number().int().nonnegative(), at: z.iso.datetime() }),
);

export const remoteAccountEvents = [RemoteActorClaimed, RemoteAccountFetched, RemoteAccountMoved, RemoteAccountBackfillRequested, RemoteAccountImageCached, RemoteAccountBackfillFinished] as const;
