import type { RecordedEvent } from '@strata/kernel';
import { type DomainBlockSettings, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/** id: the block's id (Mastodon's admin API addresses blocks by id). */
export interface InstanceDomainBlockDoc extends Doc, DomainBlockSettings {
  domain: string;
  createdAt: string;
}

export interface InstanceDomainAllowDoc extends Doc {
  domain: string;
  createdAt: string;
}

export const instanceDomainBlocksCollection = (store: ReadModelStore): Collection<InstanceDomainBlockDoc> =>
  store.collection<InstanceDomainBlockDoc>('instance_domain_blocks', { indexes: [['domain'], ['severity']], numericStringFields: ['id'] });

export const instanceDomainAllowsCollection = (store: ReadModelStore): Collection<InstanceDomainAllowDoc> =>
  store.collection<InstanceDomainAllowDoc>('instance_domain_allows', { indexes: [['domain']], numericStringFields: ['id'] });

/** The servers the instance blocks or allows: the one writer of both collections. */
export const instanceDomainPolicyProjection: Projection = {
  name: 'instance-domain-policy',
  handles: new Set(['InstanceDomainBlockSaved', 'InstanceDomainBlockRemoved', 'InstanceDomainAllowed', 'InstanceDomainAllowRemoved']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const blocks = instanceDomainBlocksCollection(context.readModels);
    const allows = instanceDomainAllowsCollection(context.readModels);
    switch (event?.type) {
      case 'InstanceDomainBlockSaved': {
        const { blockId, at, ...block } = event.data;
        const existing = await blocks.get(blockId);
        await blocks.upsert({ id: blockId, ...block, createdAt: existing?.createdAt ?? at });
        return;
      }
      case 'InstanceDomainBlockRemoved':
        await blocks.delete(event.data.blockId);
        return;
      case 'InstanceDomainAllowed':
        await allows.upsert({ id: event.data.allowId, domain: event.data.domain, createdAt: event.data.at });
        return;
      case 'InstanceDomainAllowRemoved':
        await allows.delete(event.data.allowId);
    }
  },
};
