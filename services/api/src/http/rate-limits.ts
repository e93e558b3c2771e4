import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '@strata/kernel';

/** Limits shared by every API process: in Redis when there is one, in memory for one process. */
export interface RateLimits {
  /** Account sign-ups per client address: Mastodon allows 5 per 30 minutes. */
  registrations: RateLimiterAbstract;
  /** Sign-in attempts per client address, against password guessing. */
  signIns: RateLimiterAbstract;
}

const LIMITS = {
  registrations: { points: 5, duration: 30 * 60 },
  signIns: { points: 25, duration: 5 * 60 },
};

export function memoryRateLimits(): RateLimits {
  return {
    registrations: new RateLimiterMemory({ keyPrefix: 'registrations', ...LIMITS.registrations }),
    signIns: new RateLimiterMemory({ keyPrefix: 'sign-ins', ...LIMITS.signIns }),
  };
}

/** `prefix` keeps instances that share one Redis apart (it carries the instance's domain). */
export function redisRateLimits(redis: unknown, prefix: string): RateLimits {
  return {
    registrations: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}rl:registrations`, ...LIMITS.registrations }),
    signIns: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}rl:sign-ins`, ...LIMITS.signIns }),
  };
}

/** Spends one point per request from the client's address; answers 429 with Mastodon's headers when none is left. */
export function limitBy(limiter: () => RateLimiterAbstract): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const key = req.ip ?? 'unknown';
    try {
      const state = await limiter().consume(key);
      setHeaders(res, limiter().points, state);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      setHeaders(res, limiter().points, rejection);
      throw new RateLimitedError(new Date(Date.now() + rejection.msBeforeNext));
    }
  };
}

function setHeaders(res: Response, limit: number, state: RateLimiterRes) {
  res.setHeader('X-RateLimit-Limit', String(limit));
  res.setHeader('X-RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
  res.setHeader('X-RateLimit-Reset', new Date(Date.now() + state.msBeforeNext).toISOString());
}
