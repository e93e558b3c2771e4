import { z } from 'zod';
import { PushAlertType, PushPolicy } from '@strata/contracts';
import { ValidationError } from '@strata/kernel';
import { formBoolean } from '../accounts/params.ts';

/** `admin: {sign_up, report}` (as some client libraries nest them) is Mastodon's `admin.sign_up` and `admin.report`. */
const flattenAdmin = (value: unknown) => {
  if (!value || typeof value !== 'object' || !('admin' in value)) return value;
  const { admin, ...rest } = value as { admin: unknown };
  if (!admin || typeof admin !== 'object') return value;
  return { ...rest, ...Object.fromEntries(Object.entries(admin).map(([key, on]) => [`admin.${key}`, on])) };
};
const alerts = z.preprocess(flattenAdmin, z.partialRecord(PushAlertType, formBoolean)).default({});
const data = z.object({ alerts, policy: PushPolicy.optional() }).default({ alerts: {} });
const base64url = z.string().min(1).max(200).regex(/^[A-Za-z0-9_=+/-]+$/, 'must be Base64');

export const subscribeParams = z.object({
  subscription: z.object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    keys: z.object({ p256dh: base64url, auth: base64url }),
    standard: formBoolean.default(false),
  }),
  data,
  /** Mastodon reads `data[policy]`; some clients send `policy` beside `data`. */
  policy: PushPolicy.optional(),
});
export const changeParams = z.object({ data, policy: PushPolicy.optional() });

/** The settings a request asks for: alerts not named are off, the policy is `all` unless named. */
export const settingsOf = (params: z.infer<typeof changeParams>) => ({ alerts: params.data.alerts, policy: params.data.policy ?? params.policy ?? 'all' });

/** Alerts as Mastodon shows them: every type, false unless asked for. */
export const allAlerts = (asked: Partial<Record<z.infer<typeof PushAlertType>, boolean>>) =>
  Object.fromEntries(PushAlertType.options.map((type) => [type, asked[type] ?? false]));

const decoded = (value: string) => Buffer.from(value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), 'base64url');

/**
 * The client's keys must be what RFC 8291 needs, or no payload could ever be encrypted for
 * it: an uncompressed P-256 point (65 bytes) and a 16-byte auth secret. Refused as Mastodon does, 422.
 */
export function checkDeviceKeys(keys: { p256dh: string; auth: string }, endpoint: string, allowPrivate: boolean) {
  const point = decoded(keys.p256dh);
  if (point.length !== 65 || point[0] !== 4) throw new ValidationError('Validation failed: Key p256dh is not a valid P-256 public key', { key_p256dh: [{ error: 'ERR_INVALID', description: 'is not a valid P-256 public key' }] });
  if (decoded(keys.auth).length !== 16) throw new ValidationError('Validation failed: Key auth must be 16 bytes', { key_auth: [{ error: 'ERR_INVALID', description: 'must be 16 bytes' }] });
  // plain http reaches only a push service on a private network, which tests and closed setups allow
  if (!allowPrivate && !endpoint.startsWith('https:')) throw new ValidationError('Validation failed: Endpoint must use https', { endpoint: [{ error: 'ERR_INVALID', description: 'must use https' }] });
}
