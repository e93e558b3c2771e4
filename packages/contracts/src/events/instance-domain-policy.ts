import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per domain for the instance's block of it, one for its allow: each domain has at most one of each. */
export const instanceDomainBlockStream = (domain: string) => `instance-domain-block-${domain}`;
export const instanceDomainAllowStream = (domain: string) => `instance-domain-allow-${domain}`;

/** Mastodon's severities: suspend refuses the server entirely, silence hides it from non-followers, noop only sets the flags. */
export const domainBlockSeverity = z.enum(['silence', 'suspend', 'noop']);
export type DomainBlockSeverity = z.infer<typeof domainBlockSeverity>;

export const domainBlockSettings = z.object({
  severity: domainBlockSeverity,
  /** Remote attachments of this server are dropped. */
  rejectMedia: z.boolean(),
  /** Reports (Flag) from this server are dropped. */
  rejectReports: z.boolean(),
  /** The domain is shown partly masked in the public list. */
  obfuscate: z.boolean(),
  /** For moderators only. */
  privateComment: z.string().max(1000).nullable(),
  /** Shown with the public list of limited servers. */
  publicComment: z.string().max(1000).nullable(),
});
export type DomainBlockSettings = z.infer<typeof domainBlockSettings>;

/** An admin blocked a server, or changed the block's settings (the event carries them all). */
export const InstanceDomainBlockSaved = defineEvent(
  'InstanceDomainBlockSaved',
  1,
  domainBlockSettings.extend({ blockId: snowflakeId, domain: z.string(), at: z.iso.datetime() }),
);
export const InstanceDomainBlockRemoved = defineEvent('InstanceDomainBlockRemoved', 1, z.object({ blockId: snowflakeId, domain: z.string(), at: z.iso.datetime() }));

/** An admin let a server federate while the instance runs in limited-federation mode. */
export const InstanceDomainAllowed = defineEvent('InstanceDomainAllowed', 1, z.object({ allowId: snowflakeId, domain: z.string(), at: z.iso.datetime() }));
export const InstanceDomainAllowRemoved = defineEvent('InstanceDomainAllowRemoved', 1, z.object({ allowId: snowflakeId, domain: z.string(), at: z.iso.datetime() }));

export const instanceDomainPolicyEvents = [InstanceDomainBlockSaved, InstanceDomainBlockRemoved, InstanceDomainAllowed, InstanceDomainAllowRemoved] as const;
