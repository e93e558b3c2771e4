import type { IncomingMessage } from 'node:http';
import { type Vault, findToken } from '@strata/auth';

export interface StreamingCaller {
  tokenId: string | null;
  accountId: string | null;
  scopes: string[];
  /** The Sec-WebSocket-Protocol value that carried the token, echoed back on upgrade. */
  protocol: string | null;
}

/** The token from Authorization, the access_token parameter, or Sec-WebSocket-Protocol (browsers can set no headers). */
export function tokenOf(req: IncomingMessage): { token: string | null; protocol: string | null } {
  const header = req.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (bearer) return { token: bearer, protocol: null };
  const query = requestUrl(req)?.searchParams.get('access_token');
  if (query) return { token: query, protocol: null };
  const protocol = req.headers['sec-websocket-protocol']?.split(',')[0]?.trim();
  return protocol ? { token: protocol, protocol } : { token: null, protocol: null };
}

/** Anonymous callers may stream public timelines; a token that is sent must be valid. */
export async function authenticate(req: IncomingMessage, vault: Vault): Promise<StreamingCaller | 'invalid'> {
  const { token, protocol } = tokenOf(req);
  if (!token) return { tokenId: null, accountId: null, scopes: [], protocol: null };
  const doc = await findToken(vault, token);
  if (!doc) return 'invalid';
  return { tokenId: doc.id, accountId: doc.accountId, scopes: doc.scopes, protocol };
}

/** The request-target as a URL, or null when it is none (`//`, `http://[x`): never a throw on a client's bytes. */
export function requestUrl(req: Pick<IncomingMessage, 'url'>): URL | null {
  return URL.parse(req.url ?? '/', 'http://localhost');
}
