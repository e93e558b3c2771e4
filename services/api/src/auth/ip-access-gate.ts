import type { RequestHandler } from 'express';
import { ForbiddenError } from '@strata/kernel';
import { ipMatches, signUpBlocksCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';
import { addressOf } from '../http/rate-limits.ts';

const REFRESH_MS = 2000;

/**
 * IP blocks of severity no_access refuse every request of the API, OAuth and sign-in pages
 * from the range (Mastodon's 403). The ranges are read at most every two seconds, so a
 * request costs no read-model query.
 */
export function ipAccessGate(deps: ApiDeps): RequestHandler {
  let ranges: { value: string; expiresAt: string | null }[] = [];
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  const refresh = async () => {
    const blocks = await signUpBlocksCollection(await deps.readModels()).find({ where: { kind: 'ip', severity: 'no_access' } });
    ranges = blocks.map((b) => ({ value: b.value, expiresAt: b.expiresAt }));
    loadedAt = Date.now();
  };
  return async (req, _res, next) => {
    if (Date.now() - loadedAt > REFRESH_MS) await (loading ??= refresh().finally(() => (loading = null)));
    if (!ranges.length) return next();
    const address = addressOf(req);
    const now = deps.clock.now().getTime();
    if (ranges.some((r) => (!r.expiresAt || Date.parse(r.expiresAt) > now) && ipMatches(r.value, address))) throw new ForbiddenError('Access from your network is not allowed');
    next();
  };
}
