import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { type InstanceDomainBlockDoc, instanceDomainAllowsCollection, instanceDomainBlocksCollection } from './instance-domain-policy.projection.ts';

/** What the instance does with one server's traffic and content. */
export interface DomainPolicy {
  /** Nothing in or out; its accounts hidden everywhere. */
  suspended: boolean;
  /** Its accounts kept out of public feeds for non-followers. */
  silenced: boolean;
  rejectMedia: boolean;
  rejectReports: boolean;
}

const open: DomainPolicy = { suspended: false, silenced: false, rejectMedia: false, rejectReports: false };

/** The host and every parent domain: a block of `example.com` covers `social.example.com`, as in Mastodon. */
export function domainAndParents(host: string): string[] {
  const [name, port] = host.toLowerCase().split(/:(?=\d+$)/);
  const labels = name!.split('.');
  const parents = labels.slice(1, -1).map((_label, index) => labels.slice(index + 1).join('.'));
  return [host.toLowerCase(), ...(port ? [name!] : []), ...parents];
}

/** The policy for a server (a host with an optional port); `limitedFederation` refuses every server not allowed. */
export async function domainPolicyFor(store: ReadModelStore, host: string, limitedFederation = false): Promise<DomainPolicy> {
  const candidates = domainAndParents(host);
  if (limitedFederation && (await instanceDomainAllowsCollection(store).count({ domain: { $in: candidates } })) === 0) {
    return { ...open, suspended: true };
  }
  const blocks = await instanceDomainBlocksCollection(store).find({ where: { domain: { $in: candidates } } });
  return blocks.reduce<DomainPolicy>(
    (policy, block) => ({
      suspended: policy.suspended || block.severity === 'suspend',
      silenced: policy.silenced || block.severity === 'silence',
      rejectMedia: policy.rejectMedia || block.rejectMedia || block.severity === 'suspend',
      rejectReports: policy.rejectReports || block.rejectReports || block.severity === 'suspend',
    }),
    open,
  );
}

/**
 * Ids of the remote accounts on servers blocked with this severity, for the read side
 * (exact domains only: a suffix match would scan every remote account on each request).
 */
export async function accountsOnBlockedDomains(store: ReadModelStore, severity: InstanceDomainBlockDoc['severity']): Promise<string[]> {
  const domains = await blockedDomains(store, severity);
  if (domains.length === 0) return [];
  return (await accountsCollection(store).find({ where: { domain: { $in: domains } } })).map((account) => account.id);
}

async function blockedDomains(store: ReadModelStore, severity: InstanceDomainBlockDoc['severity']): Promise<string[]> {
  return (await instanceDomainBlocksCollection(store).find({ where: { severity } })).map((block) => block.domain);
}

/** The servers the instance suspended (exact domains, for the read side). */
export const suspendedDomains = (store: ReadModelStore) => blockedDomains(store, 'suspend');
