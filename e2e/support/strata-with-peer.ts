import { type Object as APObject, Create, type Person } from '@fedify/vocab';
import { eventually, freePort, startStrataProcess, type StrataProcess } from '@strata/testkit';
import { type FedifyPeer, type FedifyPeerOptions, startFedifyPeer } from './fedify-peer.ts';
import type { TestUser } from './users.ts';

/** A Strata process on loopback that federates with plain-http private peers, and an independent Fedify peer. */
export async function startStrataWithPeer(
  dataDir: string,
  options: { strataHost?: string; peer?: FedifyPeerOptions; env?: Record<string, string> } = {},
): Promise<{ strata: StrataProcess; peer: FedifyPeer }> {
  const port = await freePort();
  const host = options.strataHost ?? '127.0.0.1';
  const env = { STRATA_DOMAIN: `${host}:${port}`, STRATA_FEDERATION_ALLOW_PRIVATE: 'true', ...options.env };
  const strata = await startStrataProcess({ dataDir, port, host, env });
  return { strata, peer: await startFedifyPeer(options.peer) };
}

/** A local account's actor, as the peer fetches it from Strata. */
export async function actorOnPeer(peer: FedifyPeer, strata: StrataProcess, username: string): Promise<Person> {
  return (await peer.federation.createContext(new URL(peer.origin)).lookupObject(`${strata.url}/users/${username}`)) as Person;
}

/** Sends an activity from one of the peer's actors to a local actor's inbox, signed by it, at once. */
export async function sendFromPeer(peer: FedifyPeer, to: Person, activity: APObject, identifier = 'peer') {
  await peer.federation.createContext(new URL(peer.origin)).sendActivity({ identifier }, to, activity as never, { immediate: true });
}

/** The Create of a peer's object, addressed like it. */
export const createOf = (peer: FedifyPeer, object: APObject) =>
  new Create({ id: new URL(`${object.id!.href}/activity`), actor: peer.actorUri, object, tos: object.toIds, ccs: object.ccIds });

/** A remote status as a user sees it on the remote public timeline, once it has arrived. */
export const remoteStatusSeenBy = (user: TestUser, uri: string) =>
  eventually(async () => (await user.client.v1.timelines.public.list({ remote: true, limit: 40 })).find((s) => s.uri === uri), 20_000);

/** Stops both and removes the data folder (each may be missing when start-up failed). */
export async function stopStrataWithPeer(strata: StrataProcess | undefined, peer: FedifyPeer | undefined, temp: { remove(): void }) {
  await peer?.close();
  await strata?.kill();
  temp.remove();
}
