import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '@strata/kernel';
import { deleteAccount } from '@strata/commands';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { signedInOrRedirect } from './signed-in.ts';
import { awaitProjection, commandDeps } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { type SafeHtml, page } from './layout.ts';
import { deleteAccountForm, message } from './pages.ts';
import { allowed } from './sign-in.routes.ts';
import { throttleSignIn } from '../auth/sign-in-throttle.ts';

const deleteParams = z.object({ password: z.string().max(1000).default(''), authenticity_token: z.string().default('') });
const PATH = '/settings/delete';

/**
 * Mastodon's /settings/delete: the signed-in person erases their own account, confirming
 * with their password. The browser session of the sign-in pages says who they are.
 */
export function deleteAccountRoutes(deps: ApiDeps): Router {
  const router = Router();
  const render = (res: Response, status: number, body: SafeHtml) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page('Delete account', deps.config.instance.title, body));

  const signedIn = (req: Request, res: Response) => signedInOrRedirect(deps, req, res, PATH);

  router.get(PATH, async (req, res) => {
    const current = await signedIn(req, res);
    if (current) render(res, 200, deleteAccountForm({ username: current.account.username, csrfToken: current.session.csrfToken }));
  });

  router.post(PATH, async (req, res) => {
    const params = deleteParams.parse(req.body ?? {});
    const current = await signedIn(req, res);
    if (!current) return;
    const { session, account } = current;
    const again = (status: number, error: string) => render(res, status, deleteAccountForm({ username: account.username, csrfToken: session.csrfToken, error }));
    if (params.authenticity_token !== session.csrfToken) return again(403, 'Your session expired. Please reload the page and try again.');
    if (!(await allowed(() => throttleSignIn(deps.rateLimits, req, res, account.username), res))) return again(429, 'Too many attempts. Try again later.');
    try {
      const result = await deleteAccount(
        { ...(await commandDeps(deps)), vault: await deps.vault(), media: deps.media },
        { accountId: account.id, by: 'owner', password: params.password },
        { actor: account.id, correlationId: randomUUID() },
      );
      deps.logger.info({ accountId: account.id }, 'account deleted by its owner');
      await awaitProjection(deps, result);
    } catch (error) {
      if (error instanceof ValidationError) return again(422, 'The password is not correct.');
      throw error;
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    render(res, 200, message('Account deleted', 'Your account and everything in it have been deleted. Your username stays reserved.'));
  });
  return router;
}
