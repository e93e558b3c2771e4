import { createECDH } from 'node:crypto';
import type { Vault, VapidKeysDoc } from './vault.ts';

const INSTANCE = 'instance';

/**
 * The instance's VAPID keys, made on first use. Two processes racing to make them both
 * insert; only the first insert counts and both read it back, so every process signs alike.
 */
export async function vapidKeys(vault: Vault): Promise<Pick<VapidKeysDoc, 'publicKey' | 'privateKey'>> {
  const existing = await vault.vapidKeys.get(INSTANCE);
  if (existing) return existing;
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  await vault.vapidKeys.insert({ id: INSTANCE, publicKey: ecdh.getPublicKey('base64url'), privateKey: ecdh.getPrivateKey('base64url'), createdAt: new Date().toISOString() });
  const made = await vault.vapidKeys.get(INSTANCE);
  if (!made) throw new Error('VAPID keys could not be stored');
  return made;
}
