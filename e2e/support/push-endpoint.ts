import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/** One push service request as a device would get it, decrypted with the device's own keys. */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  payload: Record<string, unknown>;
}

/** A device: its key pair and auth secret, as a browser's PushManager would make them. */
export function makeDevice(path: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { path, ecdh, keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') } };
}
export type Device = ReturnType<typeof makeDevice>;

const param = (header: unknown, name: string) => new RegExp(`${name}=([^;,]+)`).exec(String(header ?? ''))?.[1];

/**
 * A local push service: records every request, answers each path with the statuses
 * queued for it (then 201), and decrypts payloads for the devices it knows
 * (RFC 8291 aes128gcm, or the legacy aesgcm draft with its Encryption and Crypto-Key headers).
 */
export async function startPushEndpoint() {
  const devices = new Map<string, Device>();
  const answers = new Map<string, number[]>();
  const received: ReceivedPush[] = [];
  const attempts: string[] = [];
  const failures: string[] = [];
  const held = new Set<string>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    attempts.push(path);
    const status = held.has(path) ? 503 : (answers.get(path)?.shift() ?? 201);
    const device = devices.get(path);
    if (status < 300 && device) {
      const legacy = req.headers['content-encoding'] === 'aesgcm';
      const params = legacy
        ? { version: 'aesgcm' as const, dh: param(req.headers['crypto-key'], 'dh')!, salt: param(req.headers['encryption'], 'salt')! }
        : { version: 'aes128gcm' as const };
      try {
        const plain = decrypt(Buffer.concat(chunks), { ...params, privateKey: device.ecdh, authSecret: device.keys.auth });
        received.push({ path, headers: req.headers, payload: JSON.parse(plain.toString('utf8')) as Record<string, unknown> });
      } catch (error) {
        // a payload the device cannot open is the server's failure: the test sees it as such
        failures.push(`${path}: ${(error as Error).message}`);
        return void res.writeHead(400).end();
      }
    }
    res.writeHead(status).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    attempts,
    failures,
    device(name: string) {
      const device = makeDevice(`/push/${name}`);
      devices.set(device.path, device);
      return { ...device, endpoint: `${base}${device.path}` };
    },
    /** The next requests to `path` get these statuses, in order. */
    answer(path: string, ...statuses: number[]) {
      answers.set(path, [...(answers.get(path) ?? []), ...statuses]);
    },
    /** Requests to `path` get 503 Service Unavailable until released. */
    hold: (path: string) => void held.add(path),
    release: (path: string) => void held.delete(path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
