import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError, ValidationError } from '@strata/kernel';
import { type Vault, findToken, scopeAllows } from '@strata/auth';

/** Who is calling: the token's app, its account (null for app-only tokens) and its scopes. */
export interface Caller {
  tokenId: string;
  appId: string;
  accountId: string | null;
  scopes: string[];
}

export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1];
  const fromQuery = req.query['access_token'];
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : undefined;
}

/**
 * Resolves the bearer token once per request. A token that is sent but unknown or
 * revoked is refused at once with 401, even on public routes, as Mastodon does.
 */
export function resolveCaller(vault: () => Promise<Vault>): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    if (!token) return next();
    const doc = await findToken(await vault(), token);
    if (!doc) throw new UnauthorizedError();
    const caller: Caller = { tokenId: doc.id, appId: doc.appId, accountId: doc.accountId, scopes: doc.scopes };
    res.locals['caller'] = caller;
    next();
  };
}

export function callerOf(res: Response): Caller | undefined {
  return res.locals['caller'] as Caller | undefined;
}

/** The route needs a token allowing `scope` (any one of several, when given more). */
export function requireScope(...scopes: string[]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const caller = callerOf(res);
    if (!caller) throw new UnauthorizedError();
    if (!scopes.some((scope) => scopeAllows(caller.scopes, scope))) {
      throw new ForbiddenError('This action is outside the authorized scopes');
    }
    next();
  };
}

/** The account behind the token; refuses app-only tokens like Mastodon. */
export function userOf(res: Response): string {
  const caller = callerOf(res);
  if (!caller) throw new UnauthorizedError();
  if (!caller.accountId) throw new ValidationError('This method requires an authenticated user');
  return caller.accountId;
}
