import { type Agent, type RequestInit, type Response, fetch } from 'undici';
import { assertFetchableUrl } from './address-policy.ts';
import { type OutboundPolicy, createOutboundDispatcher } from './outbound-dispatcher.ts';

const pools = new Map<string, Agent>();

function poolFor(policy: OutboundPolicy): Agent {
  const key = JSON.stringify(policy);
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = createOutboundDispatcher(policy)));
  return pool;
}

/**
 * `fetch` for what Strata itself fetches from other servers outside Fedify (link
 * previews, media): the outbound policy's pool, an overall deadline, and at most five
 * redirects, each checked like the first request (none with `followRedirects: false`:
 * the redirect itself is the answer).
 */
export async function safeFetch(
  url: string | URL,
  policy: OutboundPolicy,
  { followRedirects = true, ...init }: Omit<RequestInit, 'dispatcher' | 'redirect'> & { followRedirects?: boolean } = {},
): Promise<Response> {
  let target = new URL(url);
  for (let hop = 0; hop <= (followRedirects ? 5 : 0); hop++) {
    assertFetchableUrl(target, policy.allowPrivate);
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      dispatcher: poolFor(policy),
      signal: init.signal ?? AbortSignal.timeout(policy.timeoutMs * 2),
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location || !followRedirects) return response;
    await response.body?.cancel();
    target = new URL(location, target);
  }
  throw new Error(`too many redirects from ${String(url)}`);
}

