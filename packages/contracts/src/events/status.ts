import { z } from 'zod';
import { SealedData, Visibility, snowflakeId } from './account.ts';
import { PollFields } from './poll.ts';
import { defineEvent } from './registry.ts';

export const statusStream = (statusId: string) => `status-${statusId}`;

/** What a status says, sealed with its author's key: erased with the author. */
export const StatusContent = z.object({
  text: z.string(),
  spoilerText: z.string(),
  tags: z.array(z.string()),
  /** A remote status's HTML as its server sent it, already sanitized (local statuses render `text`). */
  html: z.string().optional(),
  /** A remote status's custom emojis (its server's `Emoji` tags): shortcode and image URL. */
  emojis: z.array(z.object({ shortcode: z.string().regex(/^\w{1,100}$/), url: z.url() })).max(100).optional(),
  /** The titles of the status's poll options, in order (with `poll` on the event). */
  pollOptions: z.array(z.string()).optional(),
});
export type StatusContent = z.infer<typeof StatusContent>;

export const QuotePolicy = z.enum(['public', 'followers', 'nobody']);
export type QuotePolicy = z.infer<typeof QuotePolicy>;

const statusFields = {
  statusId: snowflakeId,
  accountId: snowflakeId,
  visibility: Visibility,
  inReplyToId: snowflakeId.nullable(),
  inReplyToAccountId: snowflakeId.nullable(),
  sensitive: z.boolean(),
  language: z.string().nullable(),
  /** Accounts mentioned: they may see a private or direct status, and are notified. */
  mentionedAccountIds: z.array(snowflakeId),
  content: SealedData,
  applicationId: z.string().nullable(),
  /** Attachments in display order (events written before media existed have none). */
  mediaIds: z.array(snowflakeId).max(4).default([]),
  /** Where a remote status lives (its ActivityPub id and its web page); null for local ones. */
  remote: z.object({ uri: z.url(), url: z.url().nullable() }).nullable().default(null),
  /** Its poll, if any (option titles in the sealed content). */
  poll: PollFields.nullable().default(null),
  /** The status it quotes (Mastodon 4.5 quote posts), accepted by the quoted status's policy when posted. */
  quote: z.object({ statusId: snowflakeId, accountId: snowflakeId }).nullable().default(null),
  /** Who may quote it; a private or direct status is quotable by nobody else whatever this says. */
  quotePolicy: QuotePolicy.default('public'),
};

export const StatusPosted = defineEvent('StatusPosted', 1, z.object({ ...statusFields, postedAt: z.iso.datetime() }));

export const StatusEdited = defineEvent(
  'StatusEdited',
  1,
  z.object({
    statusId: snowflakeId,
    accountId: snowflakeId,
    sensitive: z.boolean(),
    language: z.string().nullable(),
    mentionedAccountIds: z.array(snowflakeId),
    content: SealedData,
    mediaIds: z.array(snowflakeId).max(4).default([]),
    /** The poll after the edit (null: none); a new pollId when the options changed. */
    poll: PollFields.nullable().default(null),
    editedAt: z.iso.datetime(),
  }),
);

export const StatusDeleted = defineEvent(
  'StatusDeleted',
  1,
  z.object({
    statusId: snowflakeId,
    accountId: snowflakeId,
    deletedAt: z.iso.datetime(),
    /** Delete & redraft: the attachments are detached for reuse instead of deleted with it. */
    keepMedia: z.boolean().default(false),
  }),
);

/** A boost is a status of its own (its id is what timelines page by), in a stream per booster and status. */
export const reblogStream = (accountId: string, statusId: string) => `reblog-${accountId}-${statusId}`;
export const StatusReblogged = defineEvent(
  'StatusReblogged',
  1,
  z.object({
    reblogId: snowflakeId,
    accountId: snowflakeId,
    statusId: snowflakeId,
    statusAccountId: snowflakeId,
    visibility: Visibility,
    rebloggedAt: z.iso.datetime(),
  }),
);
export const StatusUnreblogged = defineEvent(
  'StatusUnreblogged',
  1,
  z.object({ reblogId: snowflakeId, accountId: snowflakeId, statusId: snowflakeId, at: z.iso.datetime() }),
);

/** Per-account toggles on a status: favourite, bookmark, pin, mute of the conversation. */
export const statusToggleKinds = ['favourite', 'bookmark', 'pin', 'mute'] as const;
export type StatusToggleKind = (typeof statusToggleKinds)[number];
export const toggleStream = (kind: StatusToggleKind, accountId: string, statusId: string) => `${kind}-${accountId}-${statusId}`;

export const StatusToggled = defineEvent(
  'StatusToggled',
  1,
  z.object({
    kind: z.enum(statusToggleKinds),
    on: z.boolean(),
    accountId: snowflakeId,
    statusId: snowflakeId,
    statusAccountId: snowflakeId,
    /** Time-ordered id of this toggle, for paging lists of favourites and bookmarks. */
    toggleId: snowflakeId,
    at: z.iso.datetime(),
  }),
);

export const idempotencyStream = (accountId: string, keyHash: string) => `idempotency-${accountId}-${keyHash}`;
export const IdempotencyKeyUsed = defineEvent(
  'IdempotencyKeyUsed',
  1,
  z.object({ accountId: snowflakeId, statusId: snowflakeId, at: z.iso.datetime() }),
);

export const tagFollowStream = (accountId: string, tag: string) => `tag-follow-${accountId}-${tag}`;
export const TagFollowChanged = defineEvent(
  'TagFollowChanged',
  1,
  z.object({ accountId: snowflakeId, tag: z.string().min(1).max(100), following: z.boolean(), at: z.iso.datetime() }),
);

/** A remote status's URI is claimed once by the local id given to it: a redelivered Create is a no-op. */
export const remoteStatusStream = (uriHash: string) => `remote-status-${uriHash}`;
export const RemoteStatusClaimed = defineEvent('RemoteStatusClaimed', 1, z.object({ uri: z.url(), statusId: snowflakeId }));

/** The author changed who may quote the status (`PUT /api/v1/statuses/:id/interaction_policy`). */
export const StatusQuotePolicyChanged = defineEvent(
  'StatusQuotePolicyChanged',
  1,
  z.object({ statusId: snowflakeId, accountId: snowflakeId, quotePolicy: QuotePolicy, at: z.iso.datetime() }),
);

/** The quoted status's author withdrew their consent: the quoting status no longer shows the quote. */
export const StatusQuoteRevoked = defineEvent(
  'StatusQuoteRevoked',
  1,
  z.object({ statusId: snowflakeId, quotedStatusId: snowflakeId, byAccountId: snowflakeId, at: z.iso.datetime() }),
);

export const statusEvents = [RemoteStatusClaimed, TagFollowChanged, StatusPosted, StatusEdited, StatusDeleted, StatusReblogged, StatusUnreblogged, StatusToggled, IdempotencyKeyUsed, StatusQuotePolicyChanged, StatusQuoteRevoked] as const;
