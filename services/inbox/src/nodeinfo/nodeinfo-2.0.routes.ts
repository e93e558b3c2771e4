import { Router } from 'express';
import { nodeInfoToJson } from '@fedify/fedify';
import { type FederationDeps, nodeInfo } from '@strata/federation';

const PROFILE_2_0 = 'http://nodeinfo.diaspora.software/ns/schema/2.0';

/**
 * NodeInfo 2.0 for crawlers that know no later version. Fedify serves 2.1 (and the
 * /.well-known/nodeinfo that links it); this is the same document in the 2.0 shape.
 */
export function nodeInfo20Routes(deps: FederationDeps) {
  const router = Router();
  router.get('/nodeinfo/2.0', async (_req, res) => {
    const document = nodeInfoToJson(await nodeInfo(deps)) as Record<string, unknown>;
    const software = document['software'] as Record<string, unknown>;
    const usage = document['usage'] as Record<string, unknown>;
    delete usage['localComments'];
    const legacy = { ...document, version: '2.0', software: { name: software['name'], version: software['version'] }, usage };
    res.type(`application/json; profile="${PROFILE_2_0}#"`).send(JSON.stringify(legacy));
  });
  return router;
}
