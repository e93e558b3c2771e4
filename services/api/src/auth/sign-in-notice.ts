import type { Request } from 'express';
import { hashSecret } from '@strata/auth';
import { enqueueMail } from '@strata/mail';
import type { ApiDeps } from '../http/deps.ts';
import { addressOf } from '../http/rate-limits.ts';

const REMEMBERED = 20;

/**
 * After a sign-in on the web page: an address this account has not signed in from before
 * earns a notice by mail (Mastodon's "new sign-in" mail). The very first sign-in, right
 * after signing up, is expected and sends nothing. Addresses are remembered only hashed.
 */
export async function noticeNewSignIn(deps: ApiDeps, req: Request, accountId: string): Promise<void> {
  const vault = await deps.vault();
  const credentials = await vault.credentials.get(accountId);
  if (!credentials) return;
  const address = addressOf(req);
  const known = credentials.signInAddresses ?? [];
  const hashed = hashSecret(`${accountId}:${address}`);
  if (known.includes(hashed)) return;
  await vault.credentials.patch(accountId, { signInAddresses: [...known, hashed].slice(-REMEMBERED) });
  if (!known.length && credentials.signUpIp === address) return;
  await enqueueMail(await deps.jobs(), { kind: 'sign_in', accountId, address, userAgent: req.header('user-agent')?.slice(0, 200) ?? '', at: deps.clock.now().toISOString() });
}
