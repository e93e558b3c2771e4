import type { Object as APObject, Person } from '@fedify/vocab';
import { freePort, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, startFedifyPeer } from './fedify-peer.ts';

/** A Strata process on loopback that federates with plain-http private peers, and an independent Fedify peer. */
export async function startStrataWithPeer(dataDir: string): Promise<{ strata: StrataProcess; peer: FedifyPeer }> {
  const port = await freePort();
  const strata = await startStrataProcess({ dataDir, port, env: { STRATA_DOMAIN: `127.0.0.1:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true' } });
  return { strata, peer: await startFedifyPeer() };
}

/** A local account's actor, as the peer fetches it from Strata. */
export async function actorOnPeer(peer: FedifyPeer, strata: StrataProcess, username: string): Promise<Person> {
  return (await peer.federation.createContext(new URL(peer.origin)).lookupObject(`${strata.url}/users/${username}`)) as Person;
}

/** Sends an activity from one of the peer's actors to a local actor's inbox, signed by it, at once. */
export async function sendFromPeer(peer: FedifyPeer, to: Person, activity: APObject, identifier = 'peer') {
  await peer.federation.createContext(new URL(peer.origin)).sendActivity({ identifier }, to, activity as never, { immediate: true });
}
