import { type Response, Router } from 'express';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { RateLimitedError, StrataError } from '@strata/kernel';
import { registerLocalUser } from '@strata/commands';
import { setRetryAfter } from '@strata/http';
import { registrationMode } from '@strata/views';
import { checkSignIn, signInMessages } from '../auth/sign-in.ts';
import { startSession } from '../auth/sessions.ts';
import { throttleSignIn } from '../auth/sign-in-throttle.ts';
import { noticeNewSignIn } from '../auth/sign-in-notice.ts';
import { checkSignUpBlocks } from '../auth/sign-up-gate.ts';
import { addressOf, spend } from '../http/rate-limits.ts';
import type { ApiDeps } from '../http/deps.ts';
import { type SafeHtml, page } from './layout.ts';
import { message, signInForm, signUpForm } from './pages.ts';
import { SETTINGS_PAGES } from './signed-in.ts';
import { twoFactorEnabled } from '../auth/two-factor.ts';
import { startSignInChallenge } from '../auth/sign-in-challenge.ts';
import { secondFactorForm } from './two-factor-pages.ts';

const signInParams = z.object({ login: z.string().default(''), password: z.string().default(''), return_to: z.string().default('/') });
const signUpParams = z.object({
  username: z.string().default(''),
  email: z.string().default(''),
  password: z.string().default(''),
  password_confirmation: z.string().default(''),
  agreement: z.string().optional(),
  reason: z.string().max(500).optional(),
  return_to: z.string().default('/'),
});

/** Only our own OAuth and settings pages may be returned to after signing in: never an outside address. */
export function safeReturn(path: string): string {
  return path.startsWith('/oauth/authorize') || SETTINGS_PAGES.has(path) ? path : '/auth/signed_in';
}

/** The HTML sign-in and sign-up pages that the OAuth authorize page sends people through. */
export function signInRoutes(deps: ApiDeps): Router {
  const router = Router();
  const secure = deps.config.publicUrl.startsWith('https:');
  const render = (res: Response, status: number, title: string, body: SafeHtml) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page(title, deps.config.instance.title, body));

  router.get('/auth/sign_in', (req, res) => {
    render(res, 200, 'Sign in', signInForm({ returnTo: safeReturn(String(req.query['return_to'] ?? '/')) }));
  });

  router.post('/auth/sign_in', async (req, res) => {
    const params = signInParams.parse(req.body ?? {});
    const returnTo = safeReturn(params.return_to);
    if (!(await allowed(() => throttleSignIn(deps.rateLimits, req, res, params.login), res))) {
      return render(res, 429, 'Sign in', signInForm({ returnTo, login: params.login, error: 'Too many attempts. Try again later.' }));
    }
    const vault = await deps.vault();
    const result = await checkSignIn(vault, params.login, params.password, deps.config.instance.requireEmailConfirmation);
    if (!result.ok) return render(res, 401, 'Sign in', signInForm({ returnTo, login: params.login, error: signInMessages[result.reason] }));
    if (await twoFactorEnabled(vault, result.accountId)) {
      // the password was right: the session starts only once the second factor is too
      const challenge = await startSignInChallenge(vault, deps.clock, result.accountId, returnTo);
      return render(res, 200, 'Two-factor authentication', secondFactorForm({ challenge }));
    }
    await startSession(res, vault, deps.clock, result.accountId, secure);
    await noticeNewSignIn(deps, req, result.accountId);
    res.redirect(303, returnTo);
  });

  router.get('/auth/signed_in', (_req, res) => {
    render(res, 200, 'Signed in', message('Signed in', 'You are signed in. You can close this page and return to your app.'));
  });

  router.get('/auth/sign_up', async (req, res) => {
    const mode = await registrationMode(await deps.readModels(), deps.config.instance.registrations);
    const returnTo = safeReturn(String(req.query['return_to'] ?? '/'));
    if (mode === 'closed') return render(res, 403, 'Sign up', message('Registrations are closed', 'This server is not accepting new accounts.'));
    render(res, 200, 'Sign up', signUpForm({ returnTo, values: {}, approvalRequired: mode === 'approval' }));
  });

  router.post('/auth/sign_up', async (req, res) => {
    const params = signUpParams.parse(req.body ?? {});
    const returnTo = safeReturn(params.return_to);
    const mode = await registrationMode(await deps.readModels(), deps.config.instance.registrations);
    if (mode === 'closed') return render(res, 403, 'Sign up', message('Registrations are closed', 'This server is not accepting new accounts.'));
    const again = (status: number, error: string) =>
      render(res, status, 'Sign up', signUpForm({ returnTo, values: params, error, approvalRequired: mode === 'approval' }));
    if (!(await allowed(() => spend(deps.rateLimits.registrations, addressOf(req), res), res))) return again(429, 'Too many sign-ups from your network. Try again later.');
    if (!params.agreement) return again(422, 'You must agree to the server rules.');
    if (params.password !== params.password_confirmation) return again(422, 'The passwords do not match.');
    try {
      const { needsApproval } = await checkSignUpBlocks(deps, { email: params.email, ip: req.ip ?? null });
      const { accountId } = await registerLocalUser(
        { store: await deps.eventStore(), ids: deps.ids, clock: deps.clock, vault: await deps.vault(), personalData: await deps.personalData() },
        {
          username: params.username,
          email: params.email,
          password: params.password,
          locale: 'en',
          reason: params.reason ?? null,
          role: 'user',
          approved: mode === 'open' && !needsApproval,
          confirmed: !deps.config.instance.requireEmailConfirmation,
          ip: req.ip ?? null,
        },
        { actor: 'anonymous', correlationId: randomUUID() },
      );
      if (mode === 'approval' || needsApproval) return render(res, 200, 'Signed up', message('Almost there', 'Your account awaits approval by the moderators.'));
      await startSession(res, await deps.vault(), deps.clock, accountId, secure);
      res.redirect(303, returnTo);
    } catch (error) {
      if (error instanceof StrataError && (error.status === 422 || error.status === 403)) return again(error.status, error.message.replace(/^Validation failed: /, ''));
      throw error;
    }
  });
  return router;
}

/** Runs a throttle for an HTML page: false (with Retry-After set) when it refuses. */
export async function allowed(throttle: () => Promise<void>, res: Response): Promise<boolean> {
  try {
    await throttle();
    return true;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    setRetryAfter(res, error);
    return false;
  }
}
