import type { Context } from '@fedify/fedify';
import { z } from 'zod';

/** `user@domain` (a leading `@` allowed); the domain may carry a port. */
const HANDLE = /^@?([\p{L}\p{N}_.-]+)@([a-z0-9.-]+(?::\d{1,5})?)$/iu;

export interface Handle {
  username: string;
  domain: string;
}

export function parseHandle(text: string): Handle | null {
  const match = HANDLE.exec(text.trim());
  return match ? { username: match[1]!, domain: match[2]!.toLowerCase() } : null;
}

const Jrd = z.object({ links: z.array(z.object({ rel: z.string(), type: z.string().optional(), href: z.string().optional() })).default([]) });
type Jrd = z.infer<typeof Jrd>;

/**
 * The actor URL a handle names, through WebFinger. Fedify asks `https://` only (as the
 * spec says); an instance that allows private peers (loopback tests, STRATA_FEDERATION_ALLOW_PRIVATE)
 * also asks plain `http://`, since peers on loopback serve no TLS.
 */
export async function actorUrlOfHandle(ctx: Context<unknown>, handle: Handle, allowPrivate: boolean): Promise<URL | null> {
  const resource = `acct:${handle.username}@${handle.domain}`;
  let jrd: Jrd | null = Jrd.safeParse(await ctx.lookupWebFinger(resource).catch(() => null)).data ?? null;
  if (!jrd && allowPrivate) jrd = await plainHttpWebFinger(handle.domain, resource);
  const self = jrd?.links.find((link) => link.rel === 'self' && /^application\/(activity\+json|ld\+json)/.test(link.type ?? '') && link.href);
  if (!self?.href) return null;
  try {
    return new URL(self.href);
  } catch {
    return null;
  }
}

async function plainHttpWebFinger(domain: string, resource: string): Promise<Jrd | null> {
  const url = new URL(`http://${domain}/.well-known/webfinger`);
  url.searchParams.set('resource', resource);
  try {
    const response = await fetch(url, { headers: { accept: 'application/jrd+json, application/json' }, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return null;
    const text = await response.text();
    if (text.length > 256 * 1024) return null;
    return Jrd.safeParse(JSON.parse(text)).data ?? null;
  } catch {
    return null;
  }
}
