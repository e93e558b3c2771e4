import type { Federation, NodeInfo } from '@fedify/fedify';
import { STRATA_VERSION } from '@strata/kernel';
import { instanceStats } from '@strata/views';
import type { FederationDeps } from './deps.ts';

/** NodeInfo 2.1 (linked from /.well-known/nodeinfo): what runs here and how busy it is. */
export function dispatchNodeInfo(federation: Federation<FederationDeps>, deps: FederationDeps) {
  federation.setNodeInfoDispatcher('/nodeinfo/2.1', async () => nodeInfo(deps));
}

export async function nodeInfo(deps: FederationDeps): Promise<NodeInfo> {
  const stats = await instanceStats(await deps.readModels(), deps.clock.now());
  return {
    software: { name: 'strata', version: STRATA_VERSION },
    protocols: ['activitypub'],
    services: { inbound: [], outbound: [] },
    openRegistrations: deps.config.instance.registrations !== 'closed',
    usage: {
      users: { total: stats.userCount, activeMonth: stats.activeMonth, activeHalfyear: stats.activeHalfyear },
      localPosts: stats.statusCount,
      localComments: 0,
    },
    metadata: { nodeName: deps.config.instance.title, nodeDescription: deps.config.instance.description },
  };
}
