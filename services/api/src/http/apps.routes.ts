import { Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@strata/kernel';
import { DEFAULT_SCOPES, createApp, parseScopes, unknownScopes } from '@strata/auth';
import { body } from '@strata/http';
import { callerOf, requireScope } from '../auth/authentication.ts';
import { presentApplication } from '../presenters/application.presenter.ts';
import { checkRedirectUris } from '../oauth/redirect-uris.ts';
import type { ApiDeps } from './deps.ts';

const redirectUri = z.string().trim().min(1).max(2000);
const appParams = z.object({
  client_name: z.string().trim().min(1, "client_name can't be blank").max(60),
  redirect_uris: z.union([redirectUri, z.array(redirectUri).min(1)]),
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
  website: z.string().trim().max(2000).optional().or(z.literal('')),
});

/** POST /api/v1/apps and GET /api/v1/apps/verify_credentials. */
export function appRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post('/api/v1/apps', async (req, res) => {
    const params = body(req, appParams);
    const scopes = parseScopes(params.scopes);
    const unknown = unknownScopes(scopes);
    if (unknown.length) {
      throw new ValidationError(`Validation failed: Scopes ${unknown.join(', ')} are unknown`, {
        scopes: [{ error: 'ERR_INVALID', description: 'are unknown' }],
      });
    }
    const { app, clientSecret } = await createApp(await deps.vault(), deps, {
      name: params.client_name,
      website: params.website || null,
      redirectUris: checkRedirectUris(params.redirect_uris),
      scopes: scopes.length ? scopes : DEFAULT_SCOPES,
      ownerAccountId: callerOf(res)?.accountId ?? null,
    });
    res.json(presentApplication(app, { clientSecret }));
  });

  router.get('/api/v1/apps/verify_credentials', requireScope('read', 'write', 'follow', 'push', 'profile', 'admin:read', 'admin:write'), async (_req, res) => {
    const app = await (await deps.vault()).apps.get(callerOf(res)!.appId);
    if (!app) throw new ValidationError('Application no longer exists');
    res.json(presentApplication(app));
  });
  return router;
}
