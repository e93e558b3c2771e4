import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per user and domain, so blocking and unblocking toggle idempotently. */
export const domainBlockStream = (accountId: string, domain: string) => `domain-block-${accountId}-${domain}`;

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(:\d{1,5})?$/, 'must be a domain name');

/** A user hid (or showed again) a whole server: its accounts' statuses and notifications. */
export const UserDomainBlockChanged = defineEvent(
  'UserDomainBlockChanged',
  1,
  z.object({ accountId: snowflakeId, domain: z.string(), blocked: z.boolean(), at: z.iso.datetime() }),
);

export const domainBlockEvents = [UserDomainBlockChanged] as const;
