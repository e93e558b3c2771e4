import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import QRCode from 'qrcode';
import { startSession } from '../auth/sessions.ts';
import { throttleSignIn } from '../auth/sign-in-throttle.ts';
import { noticeNewSignIn } from '../auth/sign-in-notice.ts';
import { attemptSignInChallenge, endSignInChallenge } from '../auth/sign-in-challenge.ts';
import { type TwoFactorDeps, beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor, pendingSetup, recoveryCodesLeft, twoFactorEnabled, verifySecondFactor } from '../auth/two-factor.ts';
import type { ApiDeps } from '../http/deps.ts';
import { type SafeHtml, page } from './layout.ts';
import { signInForm } from './pages.ts';
import { allowed } from './sign-in.routes.ts';
import { signedInOrRedirect } from './signed-in.ts';
import { recoveryCodesPage, secondFactorForm, setupPage, twoFactorStatus } from './two-factor-pages.ts';

const codeParams = z.object({ challenge: z.string().max(200).default(''), code: z.string().max(100).default(''), authenticity_token: z.string().max(200).default('') });
const PATH = '/settings/two_factor_authentication';

/**
 * Two-factor sign-in as Mastodon has it: set up from a settings page (the secret as a QR
 * code and an otpauth URI, turned on by a code from it), then asked for on the sign-in
 * page after the password; recovery codes work once each.
 */
export function twoFactorRoutes(deps: ApiDeps): Router {
  const router = Router();
  const secure = deps.config.publicUrl.startsWith('https:');
  const render = (res: Response, status: number, title: string, body: SafeHtml) =>
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page(title, deps.config.instance.title, body));
  const factorDeps = async (): Promise<TwoFactorDeps> => ({ vault: await deps.vault(), personalData: await deps.personalData(), clock: deps.clock, issuer: deps.config.domain });
  /** The signed-in account for a form post, with its CSRF token checked. */
  const formUser = async (req: Request, res: Response) => {
    const params = codeParams.parse(req.body ?? {});
    const current = await signedInOrRedirect(deps, req, res, PATH);
    if (!current) return null;
    if (params.authenticity_token !== current.session.csrfToken) {
      render(res, 403, 'Two-factor authentication', twoFactorStatus({ enabled: false, codesLeft: 0, csrfToken: current.session.csrfToken, error: 'Your session expired. Please reload the page and try again.' }));
      return null;
    }
    return { ...current, params, label: `${current.account.username}@${deps.config.domain}` };
  };
  const status = async (res: Response, accountId: string, csrfToken: string, code = 200, error?: string) => {
    const vault = await deps.vault();
    const body = twoFactorStatus({ enabled: await twoFactorEnabled(vault, accountId), codesLeft: await recoveryCodesLeft(vault, accountId), csrfToken, error: error ?? null });
    render(res, code, 'Two-factor authentication', body);
  };
  const setup = async (res: Response, code: number, options: { uri: string; secret: string }, csrfToken: string, error?: string) =>
    render(res, code, 'Set up two-factor authentication', setupPage({ ...options, qrSvg: await QRCode.toString(options.uri, { type: 'svg', margin: 1 }), csrfToken, error: error ?? null }));

  router.post('/auth/sign_in/two_factor', async (req, res) => {
    const params = codeParams.parse(req.body ?? {});
    const vault = await deps.vault();
    const challenge = await attemptSignInChallenge(vault, deps.clock, params.challenge);
    if (!challenge) return render(res, 401, 'Sign in', signInForm({ returnTo: '/', error: 'The sign-in took too long or was tried too often. Please sign in again.' }));
    if (!(await allowed(() => throttleSignIn(deps.rateLimits, req, res, challenge.accountId), res))) {
      return render(res, 429, 'Two-factor authentication', secondFactorForm({ challenge: params.challenge, error: 'Too many attempts. Try again later.' }));
    }
    if (!(await verifySecondFactor(await factorDeps(), challenge.accountId, params.code))) {
      return render(res, 401, 'Two-factor authentication', secondFactorForm({ challenge: params.challenge, error: 'Invalid two-factor code.' }));
    }
    // ending the challenge decides a race between two right codes: one session, not two
    if (!(await endSignInChallenge(vault, params.challenge))) return render(res, 401, 'Sign in', signInForm({ returnTo: '/', error: 'Please sign in again.' }));
    await startSession(res, vault, deps.clock, challenge.accountId, secure);
    await noticeNewSignIn(deps, req, challenge.accountId);
    res.redirect(303, challenge.returnTo);
  });

  router.get(PATH, async (req, res) => {
    const current = await signedInOrRedirect(deps, req, res, PATH);
    if (current) await status(res, current.account.id, current.session.csrfToken);
  });

  router.post('/settings/otp_authentication', async (req, res) => {
    const user = await formUser(req, res);
    if (!user) return;
    if (await twoFactorEnabled(await deps.vault(), user.account.id)) return status(res, user.account.id, user.session.csrfToken, 422, 'Two-factor authentication is already on.');
    await setup(res, 200, await beginTwoFactorSetup(await factorDeps(), user.account.id, user.label), user.session.csrfToken);
  });

  router.post('/settings/otp_authentication/confirm', async (req, res) => {
    const user = await formUser(req, res);
    if (!user) return;
    const codes = await confirmTwoFactorSetup(await factorDeps(), user.account.id, user.params.code);
    if (codes) {
      deps.logger.info({ accountId: user.account.id }, 'two-factor sign-in turned on');
      return render(res, 200, 'Two-factor authentication', recoveryCodesPage(codes));
    }
    const pending = await pendingSetup(await factorDeps(), user.account.id, user.label);
    if (!pending) return status(res, user.account.id, user.session.csrfToken, 422, 'Start the set-up again.');
    await setup(res, 422, pending, user.session.csrfToken, 'That code is not right. Check the time on your device and try again.');
  });

  router.post(`${PATH}/disable`, async (req, res) => {
    const user = await formUser(req, res);
    if (!user) return;
    if (!(await allowed(() => throttleSignIn(deps.rateLimits, req, res, user.account.id), res))) return status(res, user.account.id, user.session.csrfToken, 429, 'Too many attempts. Try again later.');
    if (!(await verifySecondFactor(await factorDeps(), user.account.id, user.params.code))) return status(res, user.account.id, user.session.csrfToken, 422, 'Invalid two-factor code.');
    await disableTwoFactor(await deps.vault(), user.account.id);
    deps.logger.info({ accountId: user.account.id }, 'two-factor sign-in turned off');
    await status(res, user.account.id, user.session.csrfToken);
  });
  return router;
}
