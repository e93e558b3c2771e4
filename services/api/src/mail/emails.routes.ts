import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '@strata/kernel';
import { checkEmailAndPassword } from '@strata/commands';
import { body } from '@strata/http';
import { enqueueMail } from '@strata/mail';
import { requireScope, userOf } from '../auth/authentication.ts';
import type { ApiDeps } from '../http/deps.ts';

const resendParams = z.object({ email: z.string().max(320).optional() });

/**
 * Mastodon's /api/v1/emails: an unconfirmed user asks for the confirmation link again,
 * optionally to a corrected address, and apps poll whether the address is confirmed.
 */
export function emailRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post('/api/v1/emails/confirmations', requireScope('write:accounts'), async (req, res) => {
    const accountId = userOf(res);
    const params = body(req, resendParams);
    const vault = await deps.vault();
    const credentials = await vault.credentials.get(accountId);
    if (!credentials || credentials.confirmedAt) throw new ForbiddenError('This method is only available while the e-mail is awaiting confirmation');
    if (params.email && params.email.toLowerCase() !== credentials.emailLower) {
      checkEmailAndPassword(params.email, 'a valid password');
      const emailLower = params.email.toLowerCase();
      if (await vault.credentials.count({ emailLower })) throw new ValidationError('Validation failed: Email has already been taken');
      await vault.credentials.patch(accountId, { email: params.email, emailLower });
    }
    await enqueueMail(await deps.jobs(), { kind: 'confirmation', accountId });
    res.json({});
  });

  router.get('/api/v1/emails/check_confirmation', requireScope('read:accounts'), async (_req, res) => {
    const credentials = await (await deps.vault()).credentials.get(userOf(res));
    res.json(Boolean(credentials?.confirmedAt));
  });
  return router;
}
