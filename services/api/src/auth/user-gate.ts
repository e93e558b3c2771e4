import type { RequestHandler } from 'express';
import { ForbiddenError } from '@strata/kernel';
import type { Vault } from '@strata/auth';
import { userOf } from './authentication.ts';

/**
 * Routes that act as a user also need the user to be allowed in: approved and, when the
 * instance asks for it, with a confirmed address. Mastodon answers these with 403.
 */
export function requireActiveUser(vault: () => Promise<Vault>, requireConfirmation: boolean): RequestHandler {
  return async (_req, res, next) => {
    const accountId = userOf(res);
    const credentials = await (await vault()).credentials.get(accountId);
    if (!credentials || credentials.disabled) throw new ForbiddenError('Your login is currently disabled');
    if (!credentials.approved) throw new ForbiddenError('Your login is currently pending approval');
    if (requireConfirmation && !credentials.confirmedAt) throw new ForbiddenError('Your login is missing a confirmed e-mail address');
    next();
  };
}
