import type { RequestHandler } from 'express';
import { callerOf } from '../auth/authentication.ts';
import { type RateLimits, addressOf, spend } from './rate-limits.ts';

/**
 * Mastodon's general API throttles. Every API request spends a point of its client
 * address (before the token is even looked at, so guessing tokens is throttled too),
 * then one of its account, or of its token when it is an app-only one. The headers a
 * client sees are those of the narrowest limit that applied.
 */
export function throttleByAddress(limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    await spend(limits.perAddress, addressOf(req), res);
    next();
  };
}

export function throttleByAccount(limits: RateLimits): RequestHandler {
  return async (_req, res, next) => {
    const caller = callerOf(res);
    if (caller) await spend(limits.perAccount, caller.accountId ? `account:${caller.accountId}` : `token:${caller.tokenId}`, res);
    next();
  };
}
