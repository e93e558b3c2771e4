import type { Request, Response } from 'express';
import type { Clock } from '@strata/kernel';
import { type SessionDoc, type Vault, hashSecret, randomSecret } from '@strata/auth';

export const SESSION_COOKIE = 'strata_session';
const SESSION_DAYS = 30;

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The browser's sign-in session for the OAuth and settings pages; the cookie holds a secret
 * whose hash is the session id. The session of an account that has since been suspended or
 * deleted is ended here, so no page can act on it (no consent, no fresh token).
 */
export async function currentSession(req: Request, res: Response, vault: Vault, clock: Clock): Promise<SessionDoc | null> {
  const secret = cookieValue(req, SESSION_COOKIE);
  if (!secret) return null;
  const session = await vault.sessions.get(hashSecret(secret));
  if (!session || Date.parse(session.expiresAt) < clock.now().getTime()) return null;
  const credentials = await vault.credentials.get(session.accountId);
  if (!credentials || credentials.disabled) {
    await endSession(req, res, vault);
    return null;
  }
  return session;
}

export async function startSession(res: Response, vault: Vault, clock: Clock, accountId: string, secure: boolean) {
  const secret = randomSecret();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await vault.sessions.upsert({
    id: hashSecret(secret),
    accountId,
    csrfToken: randomSecret(),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  res.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, expires: expiresAt, path: '/' });
}

export async function endSession(req: Request, res: Response, vault: Vault) {
  const secret = cookieValue(req, SESSION_COOKIE);
  if (secret) await vault.sessions.delete(hashSecret(secret));
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
