import type { Request, Response } from 'express';
import type { SessionDoc } from '@strata/auth';
import { type AccountDoc, accountsCollection } from '@strata/views';
import { currentSession } from '../auth/sessions.ts';
import type { ApiDeps } from '../http/deps.ts';

/** The settings pages one may come back to after signing in: never an outside address. */
export const SETTINGS_PAGES = new Set(['/settings/delete', '/settings/two_factor_authentication', '/settings/export']);

/** The session's account, or a redirect to the sign-in page that comes back to `path`. */
export async function signedInOrRedirect(deps: ApiDeps, req: Request, res: Response, path: string): Promise<{ session: SessionDoc; account: AccountDoc } | null> {
  const session = await currentSession(req, res, await deps.vault(), deps.clock);
  const account = session ? await accountsCollection(await deps.readModels()).get(session.accountId) : null;
  if (!session || !account) {
    res.redirect(303, `/auth/sign_in?return_to=${encodeURIComponent(path)}`);
    return null;
  }
  return { session, account };
}
