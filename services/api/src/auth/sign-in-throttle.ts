import type { Request, Response } from 'express';
import type { RateLimits } from '../http/rate-limits.ts';
import { addressOf, spend } from '../http/rate-limits.ts';

/**
 * Every password check (the password grant and the sign-in page alike) spends a point of
 * the client's address and one of the login it tries, whether or not the login exists,
 * so neither many guesses from one address nor a spread-out attack on one account gets
 * far. Throws Mastodon's 429, with the limit headers set.
 */
export async function throttleSignIn(limits: RateLimits, req: Request, res: Response, login: string): Promise<void> {
  await spend(limits.signIns, addressOf(req), res);
  await spend(limits.signInsPerAccount, login.trim().toLowerCase().replace(/^@/, '').slice(0, 320), res);
}
