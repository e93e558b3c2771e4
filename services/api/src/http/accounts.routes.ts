import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '@strata/kernel';
import { issueToken } from '@strata/auth';
import { awaitProjection, registerLocalUser } from '@strata/commands';
import { body, query, uploads } from '@strata/http';
import { currentTrace } from '@strata/logging';
import { accountsCollection, findAccountByAcct, isShown, registrationMode, shownAccount, shownAccountFilter } from '@strata/views';
import { callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { requireActiveUser } from '../auth/user-gate.ts';
import { checkSignUpBlocks } from '../auth/sign-up-gate.ts';
import { updateCredentials } from '../accounts/credentials.ts';
import { registerParams, searchParams, updateCredentialsParams } from '../accounts/params.ts';
import { presentAccounts, presentCredentialAccountOf, presentOneAccount } from '@strata/presenters';
import type { ApiDeps } from './deps.ts';
import { limitBy } from './rate-limits.ts';
import { resolveRemote } from '../search/resolve-remote.ts';
import { uploadRoutes } from './upload-routes.ts';

const lookupParams = z.object({ acct: z.string().min(1).max(300) });

export function accountRoutes(deps: ApiDeps): Router {
  const router = Router();
  const activeUser = requireActiveUser(deps.vault, deps.config.instance.requireEmailConfirmation);

  router.post('/api/v1/accounts', requireScope('write:accounts'), limitBy(() => deps.rateLimits.registrations), async (req, res) => {
    const caller = callerOf(res)!;
    if (caller.accountId) throw new ForbiddenError('This method requires an app token, not a user token');
    const params = body(req, registerParams);
    const mode = await registrationMode(await deps.readModels(), deps.config.instance.registrations);
    if (mode === 'closed') throw new ForbiddenError('Registrations are not open on this server');
    if (!params.agreement) {
      throw new ValidationError('Validation failed: Agreement must be accepted', {
        agreement: [{ error: 'ERR_ACCEPTED', description: 'must be accepted' }],
      });
    }
    const { needsApproval } = await checkSignUpBlocks(deps, { email: params.email, ip: req.ip ?? null });
    const vault = await deps.vault();
    const { accountId: newAccountId, written } = await registerLocalUser(
      { store: await deps.eventStore(), ids: deps.ids, clock: deps.clock, vault, personalData: await deps.personalData() },
      {
        username: params.username,
        email: params.email,
        password: params.password,
        locale: params.locale,
        reason: params.reason ?? null,
        role: 'user',
        approved: mode === 'open' && !needsApproval,
        confirmed: !deps.config.instance.requireEmailConfirmation,
        ip: req.ip ?? null,
      },
      { actor: `app:${caller.appId}`, correlationId: currentTrace()?.correlationId ?? randomUUID() },
    );
    const app = await vault.apps.get(caller.appId);
    const issued = await issueToken(vault, deps.clock, {
      appId: caller.appId,
      accountId: newAccountId,
      scopes: app?.scopes ?? caller.scopes,
      withRefreshToken: false,
    });
    await awaitProjection(deps, written);
    res.json({
      access_token: issued.accessToken,
      token_type: 'Bearer',
      scope: issued.doc.scopes.join(' '),
      created_at: Math.floor(Date.parse(issued.doc.createdAt) / 1000),
    });
  });

  router.get('/api/v1/accounts/verify_credentials', requireScope('read:accounts', 'profile'), activeUser, async (_req, res) => {
    const account = await accountsCollection(await deps.readModels()).get(userOf(res));
    if (!account) throw new NotFoundError();
    res.json(await presentCredentialAccountOf(deps, account));
  });

  router.patch(uploadRoutes.updateCredentials.path, requireScope('write:accounts'), activeUser, uploads(uploadRoutes.updateCredentials), async (req, res) => {
    const params = body(req, updateCredentialsParams);
    const account = await updateCredentials(deps, req, userOf(res), params);
    if (!account) throw new NotFoundError();
    res.json(await presentCredentialAccountOf(deps, account));
  });

  router.get('/api/v1/accounts/search', requireScope('read:accounts'), async (req, res) => {
    const params = query(req, searchParams);
    const accounts = accountsCollection(await deps.readModels());
    // an exact username match comes first, as Mastodon ranks it
    const found = await accounts.search(params.q, { where: shownAccountFilter, limit: params.limit, offset: params.offset });
    const resolved = params.resolve && params.offset === 0 ? await resolveRemote(deps, callerOf(res)?.accountId ?? null, params.q, 'account') : null;
    const candidate = resolved
      ? await accounts.get(resolved.id)
      : params.offset === 0 ? await findAccountByAcct(await deps.readModels(), params.q, deps.config.domain) : null;
    const exact = isShown(candidate) ? candidate : null;
    const results = exact ? [exact, ...found.filter((a) => a.id !== exact.id)].slice(0, params.limit) : found;
    res.json(await presentAccounts(deps, results));
  });

  router.get('/api/v1/accounts/lookup', async (req, res) => {
    const { acct } = query(req, lookupParams);
    const store = await deps.readModels();
    const caller = callerOf(res)?.accountId ?? null;
    // an unknown remote handle is looked up on its server for a signed-in caller, as Mastodon does
    const known = await findAccountByAcct(store, acct, deps.config.domain);
    const resolved = !known && caller ? await resolveRemote(deps, caller, acct, 'account') : null;
    const account = resolved ? await accountsCollection(store).get(resolved.id) : known;
    if (!isShown(account)) throw new NotFoundError();
    res.json(await presentOneAccount(deps, account));
  });

  router.get('/api/v1/accounts/:id', async (req, res) => {
    const store = await deps.readModels();
    const account = await shownAccount(store, req.params.id);
    if (!account) throw new NotFoundError();
    const moved = account.movedToAccountId ? await shownAccount(store, account.movedToAccountId) : null;
    res.json(await presentOneAccount(deps, account, moved));
  });
  return router;
}
