import type { RequestHandler, Response } from 'express';
import { ForbiddenError } from '@strata/kernel';
import { type AccountDoc, accountsCollection, staffRoles } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';

/**
 * The admin API: a token with the admin scope, of a staff member (owner, admin or
 * moderator) who may sign in. Everyone else gets Mastodon's 403.
 */
export function requireStaff(deps: ApiDeps, scope: string, roles: readonly string[] = staffRoles): RequestHandler[] {
  const staffOnly: RequestHandler = async (_req, res, next) => {
    const me = userOf(res);
    const account = await accountsCollection(await deps.readModels()).get(me);
    const credentials = await (await deps.vault()).credentials.get(me);
    const staff = account && roles.includes(account.role) && !account.suspended;
    if (!staff || !credentials || credentials.disabled) throw new ForbiddenError('This action is not allowed');
    res.locals['staff'] = account;
    next();
  };
  return [requireScope(scope), staffOnly];
}

/** Instance-wide blocks are Mastodon's manage_blocks permission: admins and the owner, not moderators. */
export const blockManagers = ['owner', 'admin'] as const;

export const staffOf = (res: Response) => res.locals['staff'] as AccountDoc;
