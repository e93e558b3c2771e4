import type { Request, Response } from 'express';
import { findToken, scopeAllows } from '@strata/auth';
import { ForbiddenError, UnauthorizedError } from '@strata/kernel';
import { bearerToken } from '../auth/authentication.ts';
import { currentSession } from '../auth/sessions.ts';
import type { ApiDeps } from '../http/deps.ts';

/**
 * Who asks for a settings download or import: a bearer token with the scope (apps and
 * scripts), or the browser's sign-in session, whose form posts must carry its CSRF token.
 */
export async function settingsCaller(deps: ApiDeps, req: Request, res: Response, scope: string): Promise<string> {
  const vault = await deps.vault();
  const token = bearerToken(req);
  if (token) {
    const doc = await findToken(vault, token);
    if (!doc?.accountId) throw new UnauthorizedError();
    if (!scopeAllows(doc.scopes, scope)) throw new ForbiddenError('This action is outside the authorized scopes');
    const credentials = await vault.credentials.get(doc.accountId);
    if (!credentials || credentials.disabled) throw new ForbiddenError('Your login is currently disabled');
    return doc.accountId;
  }
  const session = await currentSession(req, res, vault, deps.clock);
  if (!session) throw new UnauthorizedError();
  if (req.method !== 'GET' && (req.body as { authenticity_token?: unknown } | undefined)?.authenticity_token !== session.csrfToken) {
    throw new ForbiddenError('Invalid authenticity token');
  }
  return session.accountId;
}
