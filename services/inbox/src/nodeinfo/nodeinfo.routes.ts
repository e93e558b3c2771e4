import { Router } from 'express';
import type { StrataConfig } from '@strata/config';
import { STRATA_VERSION, type Clock } from '@strata/kernel';
import type { ReadModelStore } from '@strata/read-models';
import { instanceStats } from '@strata/views';

const NODEINFO_PROFILE = 'http://nodeinfo.diaspora.software/ns/schema/2.0';

/** NodeInfo 2.0: how crawlers and peers learn what software runs here and how busy it is. */
export function nodeInfoRoutes(deps: { config: StrataConfig; clock: Clock; readModels(): Promise<ReadModelStore> }) {
  const router = Router();
  router.get('/.well-known/nodeinfo', (_req, res) => {
    res.json({ links: [{ rel: NODEINFO_PROFILE, href: `${deps.config.publicUrl}/nodeinfo/2.0` }] });
  });
  router.get('/nodeinfo/2.0', async (_req, res) => {
    const stats = await instanceStats(await deps.readModels(), deps.clock.now());
    res.type(`application/json; profile="${NODEINFO_PROFILE}#"`).send(
      JSON.stringify({
        version: '2.0',
        software: { name: 'strata', version: STRATA_VERSION },
        protocols: ['activitypub'],
        services: { inbound: [], outbound: [] },
        openRegistrations: deps.config.instance.registrations !== 'closed',
        usage: {
          users: { total: stats.userCount, activeMonth: stats.activeMonth, activeHalfyear: stats.activeHalfyear },
          localPosts: stats.statusCount,
        },
        metadata: { nodeName: deps.config.instance.title, nodeDescription: deps.config.instance.description },
      }),
    );
  });
  return router;
}
