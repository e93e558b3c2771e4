import cors from 'cors';
import type { RequestHandler } from 'express';

/** Browser clients (Elk, Phanpy) call from other origins; Mastodon allows it on these paths. */
export const CORS_PATHS = ['/api', '/oauth/token', '/oauth/revoke', '/oauth/userinfo', '/.well-known', '/nodeinfo'];

export function mastodonCors(): RequestHandler {
  return cors({
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['Link', 'X-RateLimit-Reset', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-Request-Id', 'Idempotency-Key'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Accept'],
    maxAge: 86400,
  });
}
