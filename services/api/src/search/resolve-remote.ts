import type { Resolved } from '@strata/federation';
import { UnauthorizedError } from '@strata/kernel';
import { awaitProjection } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';

/**
 * A remote account or status named by a handle or a URL, fetched and recorded if new
 * and readable when this returns. Only for a signed-in user, as Mastodon has it: resolving
 * makes this server fetch from others on the caller's behalf.
 */
export async function resolveRemote(deps: ApiDeps, viewer: string | null, query: string, wants: 'account' | 'status' | 'any'): Promise<Resolved | null> {
  const text = query.trim();
  const isUrl = /^https?:\/\//i.test(text);
  if (!isUrl && !/^@?[^@\s]+@[^@\s]+$/.test(text)) return null;
  if (!viewer) throw new UnauthorizedError('Search queries that resolve remote resources are not supported without authentication');
  if (!isUrl && wants === 'status') return null;
  const resolver = await deps.remote();
  const found = await (isUrl ? resolver.url(text) : resolver.handle(text)).catch((error: unknown) => {
    deps.logger.warn({ err: error, query: text }, 'resolving a remote resource failed');
    return null;
  });
  if (!found || (wants !== 'any' && found.kind !== wants)) return null;
  await awaitProjection(deps, ...found.written);
  return found;
}
