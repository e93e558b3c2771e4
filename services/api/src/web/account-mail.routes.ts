import { type Response, Router } from 'express';
import { z } from 'zod';
import { consumeEmailToken, peekEmailToken } from '@strata/auth';
import { checkEmailAndPassword, setAccountPassword } from '@strata/commands';
import { ValidationError } from '@strata/kernel';
import { enqueueMail } from '@strata/mail';
import { throttleSignIn } from '../auth/sign-in-throttle.ts';
import type { ApiDeps } from '../http/deps.ts';
import { type SafeHtml, page } from './layout.ts';
import { message } from './pages.ts';
import { newPasswordForm, resetRequestForm } from './password-pages.ts';
import { allowed } from './sign-in.routes.ts';

const tokenParam = (name: string) => z.object({ [name]: z.string().max(200).default('') });
const resetRequest = z.object({ email: z.string().max(320).default('') });
const newPassword = z.object({ reset_password_token: z.string().max(200).default(''), password: z.string().default(''), password_confirmation: z.string().default('') });

/**
 * The pages behind the links we send by mail (Devise's paths, as Mastodon has them): the
 * e-mail confirmation, and the password reset in two steps, asking for the link and then
 * choosing the new password with it.
 */
export function accountMailRoutes(deps: ApiDeps): Router {
  const router = Router();
  const render = (res: Response, status: number, title: string, body: SafeHtml) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(page(title, deps.config.instance.title, body));
  const invalidLink = (res: Response) => render(res, 404, 'Link expired', message('This link does not work', 'It is unknown, expired or already used. Ask for a new one.'));

  router.get('/auth/confirmation', async (req, res) => {
    const { confirmation_token: token } = tokenParam('confirmation_token').parse(req.query) as { confirmation_token: string };
    const vault = await deps.vault();
    const accountId = await consumeEmailToken(vault, deps.clock, token, 'confirmation');
    if (!accountId || !(await vault.credentials.patch(accountId, { confirmedAt: deps.clock.now().toISOString() }))) return invalidLink(res);
    deps.logger.info({ accountId }, 'e-mail address confirmed');
    render(res, 200, 'Confirmed', message('Your e-mail address is confirmed', 'You can sign in now.'));
  });

  router.get('/auth/password/new', (_req, res) => render(res, 200, 'Reset password', resetRequestForm()));

  router.post('/auth/password', async (req, res) => {
    const { email } = resetRequest.parse(req.body ?? {});
    if (!(await allowed(() => throttleSignIn(deps.rateLimits, req, res, email), res))) {
      return render(res, 429, 'Reset password', resetRequestForm({ error: 'Too many attempts. Try again later.' }));
    }
    const [credentials] = await (await deps.vault()).credentials.find({ where: { emailLower: email.trim().toLowerCase() }, limit: 1 });
    if (credentials && !credentials.disabled) await enqueueMail(await deps.jobs(), { kind: 'password_reset', accountId: credentials.id });
    // the same answer whether or not the address has an account: the page tells nobody who is registered
    render(res, 200, 'Check your e-mail', message('Check your e-mail', 'If the address has an account here, a link to choose a new password is on its way.'));
  });

  router.get('/auth/password/edit', async (req, res) => {
    const { reset_password_token: token } = tokenParam('reset_password_token').parse(req.query) as { reset_password_token: string };
    if (!(await peekEmailToken(await deps.vault(), deps.clock, token, 'password_reset'))) return invalidLink(res);
    render(res, 200, 'Choose a new password', newPasswordForm({ token }));
  });

  router.post('/auth/password/edit', async (req, res) => {
    const params = newPassword.parse(req.body ?? {});
    const vault = await deps.vault();
    const again = (error: string) => render(res, 422, 'Choose a new password', newPasswordForm({ token: params.reset_password_token, error }));
    if (!(await peekEmailToken(vault, deps.clock, params.reset_password_token, 'password_reset'))) return invalidLink(res);
    if (params.password !== params.password_confirmation) return again('The passwords do not match.');
    try {
      checkEmailAndPassword('valid@example.invalid', params.password);
    } catch (error) {
      if (error instanceof ValidationError) return again(error.message.replace(/^Validation failed: /, ''));
      throw error;
    }
    const accountId = await consumeEmailToken(vault, deps.clock, params.reset_password_token, 'password_reset');
    if (!accountId) return invalidLink(res);
    await setAccountPassword({ vault, clock: deps.clock }, { accountId, password: params.password });
    deps.logger.info({ accountId }, 'password reset by e-mail link');
    render(res, 200, 'Password changed', message('Your password was changed', 'Sign in with your new password.'));
  });
  return router;
}
