import type { ReadModelStore } from '@strata/read-models';
import { type InstanceDomainBlockDoc, instanceDomainBlocksCollection } from '@strata/views';
import { domainDigest } from '../admin/admin-domain-policy.routes.ts';

/** Mastodon's masking: the middle half of the name starred, dots kept, so the server is recognisable by its digest only. */
export function obfuscatedDomain(domain: string): string {
  const visible = Math.floor(domain.length / 4);
  return [...domain].map((char, index) => (index > visible && index < domain.length - visible && char !== '.' ? '*' : char)).join('');
}

/** The servers this instance limits, as `/api/v1/instance/domain_blocks` shows them (blocks without user-facing effect left out). */
export async function publicDomainBlocks(store: ReadModelStore) {
  const blocks = await instanceDomainBlocksCollection(store).find({ sort: { field: 'domain', direction: 'asc' } });
  return blocks
    .filter((block) => block.severity !== 'noop' || block.rejectMedia)
    .map((block: InstanceDomainBlockDoc) => ({
      domain: block.obfuscate ? obfuscatedDomain(block.domain) : block.domain,
      digest: domainDigest(block.domain),
      severity: block.severity === 'suspend' ? 'suspend' : 'silence',
      comment: block.publicComment ?? '',
    }));
}
