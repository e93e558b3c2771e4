import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '@strata/config';
import { RateLimitedError } from '@strata/kernel';

/** Limits shared by every API process: in Redis when there is one, in memory for one process. */
export interface RateLimits {
  /** Account sign-ups per client address: Mastodon allows 5 per 30 minutes. */
  registrations: RateLimiterAbstract;
  /** Password sign-ins (page and password grant) per client address, against password guessing. */
  signIns: RateLimiterAbstract;
  /** Password sign-ins per login (username or e-mail), against guessing one account's password from many addresses. */
  signInsPerAccount: RateLimiterAbstract;
  /** Every API request of one account (or of one app-only token). */
  perAccount: RateLimiterAbstract;
  /** Every API request from one client address. */
  perAddress: RateLimiterAbstract;
}

type LimiterOptions = { keyPrefix: string; points: number; duration: number };

function limiterOptions(settings: RateLimitSettings): Record<keyof RateLimits, LimiterOptions> {
  return {
    registrations: { keyPrefix: 'registrations', points: settings.signUpsPerAddress, duration: 30 * 60 },
    signIns: { keyPrefix: 'sign-ins', points: settings.signInsPerAddress, duration: 5 * 60 },
    signInsPerAccount: { keyPrefix: 'sign-ins-account', points: settings.signInsPerAccount, duration: 5 * 60 },
    perAccount: { keyPrefix: 'api-account', points: settings.perAccount, duration: settings.periodSeconds },
    perAddress: { keyPrefix: 'api-address', points: settings.perAddress, duration: settings.periodSeconds },
  };
}

function build(settings: RateLimitSettings, make: (options: LimiterOptions) => RateLimiterAbstract): RateLimits {
  const options = limiterOptions(settings);
  return Object.fromEntries(Object.entries(options).map(([name, option]) => [name, make(option)])) as unknown as RateLimits;
}

export function memoryRateLimits(settings: RateLimitSettings): RateLimits {
  return build(settings, (options) => new RateLimiterMemory(options));
}

/**
 * `prefix` keeps instances that share one Redis apart (it carries the instance's domain).
 * While Redis is unreachable each process counts in memory rather than failing requests.
 */
export function redisRateLimits(redis: unknown, prefix: string, settings: RateLimitSettings): RateLimits {
  return build(
    settings,
    (options) =>
      new RateLimiterRedis({
        ...options,
        storeClient: redis,
        keyPrefix: `${prefix}rl:${options.keyPrefix}`,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
  );
}

/** Spends one point of `key`; throws Mastodon's 429 (with the headers set) when none is left. */
export async function spend(limiter: RateLimiterAbstract, key: string, res?: Response): Promise<void> {
  try {
    const state = await limiter.consume(key);
    if (res) setHeaders(res, limiter.points, state);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    if (res) setHeaders(res, limiter.points, rejection);
    throw new RateLimitedError(new Date(Date.now() + rejection.msBeforeNext));
  }
}

/** Spends one point per request from the client's address; answers 429 with Mastodon's headers when none is left. */
export function limitBy(limiter: () => RateLimiterAbstract): RequestHandler {
  return async (req: Request, res: Response, next) => {
    await spend(limiter(), addressOf(req), res);
    next();
  };
}

export const addressOf = (req: Request) => req.ip ?? 'unknown';

function setHeaders(res: Response, limit: number, state: RateLimiterRes) {
  res.setHeader('X-RateLimit-Limit', String(limit));
  res.setHeader('X-RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
  res.setHeader('X-RateLimit-Reset', new Date(Date.now() + state.msBeforeNext).toISOString());
}
