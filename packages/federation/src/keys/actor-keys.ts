import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { JsonWebKey, webcrypto } from 'node:crypto';
import type { ActorKeysDoc, Vault } from '@strata/auth';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface ActorKeys {
  /** RSASSA-PKCS1-v1_5: HTTP signatures (draft-cavage and RFC 9421), the key Mastodon reads. */
  rsa: CryptoKeyPair;
  /** Ed25519: Object Integrity Proofs (FEP-8b32). */
  ed25519: CryptoKeyPair;
}

/**
 * An actor's key pairs, made on first use and kept only in the vault. Two processes
 * making them at once both try to insert; the first wins and the other reads its keys.
 */
export async function actorKeys(vault: Vault, actorId: string, now: () => Date = () => new Date()): Promise<ActorKeys> {
  const stored = (await vault.actorKeys.get(actorId)) ?? (await createKeysOnce(vault, actorId, now));
  const fingerprint = `${stored.rsa.publicJwk.n}:${stored.ed25519.publicJwk.x}`;
  const remembered = imported.get(actorId);
  if (remembered?.fingerprint === fingerprint) return remembered.keys;
  const keys = { rsa: await importPair(stored.rsa), ed25519: await importPair(stored.ed25519) };
  if (imported.size >= IMPORTED_MAX) imported.delete(imported.keys().next().value!);
  imported.set(actorId, { fingerprint, keys });
  return keys;
}

/**
 * Keys already imported, by actor: every signed fetch and delivery asks for its actor's
 * keys, and importing an RSA pair from JWK costs milliseconds. The vault is still read
 * each time, so keys that were erased or replaced are never served from here.
 */
const imported = new Map<string, { fingerprint: string; keys: ActorKeys }>();
const IMPORTED_MAX = 10_000;

/**
 * Keys being made in this process, by actor: the first requests after a start all ask for
 * the instance actor's keys at once, and each would otherwise generate an RSA pair (tens
 * of milliseconds of CPU each) only for all but one to be thrown away.
 */
const creating = new Map<string, Promise<ActorKeysDoc>>();

function createKeysOnce(vault: Vault, actorId: string, now: () => Date): Promise<ActorKeysDoc> {
  let pending = creating.get(actorId);
  if (!pending) {
    pending = createKeys(vault, actorId, now).finally(() => creating.delete(actorId));
    creating.set(actorId, pending);
  }
  return pending;
}

async function createKeys(vault: Vault, actorId: string, now: () => Date): Promise<ActorKeysDoc> {
  const [rsa, ed25519] = await Promise.all([generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), generateCryptoKeyPair('Ed25519')]);
  const doc: ActorKeysDoc = {
    id: actorId,
    rsa: { publicJwk: await exportJwk(rsa.publicKey), privateJwk: await exportJwk(rsa.privateKey) },
    ed25519: { publicJwk: await exportJwk(ed25519.publicKey), privateJwk: await exportJwk(ed25519.privateKey) },
    createdAt: now().toISOString(),
  };
  if (await vault.actorKeys.insert(doc)) return doc;
  const winner = await vault.actorKeys.get(actorId);
  if (!winner) throw new Error(`keys of actor ${actorId} vanished while being created`);
  return winner;
}

async function importPair(pair: { publicJwk: JsonWebKey; privateJwk: JsonWebKey }): Promise<CryptoKeyPair> {
  const privateKey = await importJwk(pair.privateJwk, 'private');
  storedJwks.set(privateKey, pair.privateJwk);
  return { publicKey: await importJwk(pair.publicJwk, 'public'), privateKey };
}

/** The JWK a private key was imported from: a delivery hands its key to Fedify as JWK, without exporting it again. */
const storedJwks = new WeakMap<webcrypto.CryptoKey, JsonWebKey>();

export function storedJwkOf(privateKey: webcrypto.CryptoKey): JsonWebKey | undefined {
  return storedJwks.get(privateKey);
}
