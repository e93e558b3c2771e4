import { Router } from 'express';
import { z } from 'zod';
import { query } from '@strata/http';
import { formBoolean } from '../accounts/params.ts';
import type { ApiDeps } from '../http/deps.ts';
import { pageParams, setLinkHeader } from '../http/pagination.ts';
import { presentAdminAccount } from './admin-account.presenter.ts';
import { accountEmojis } from '@strata/presenters';
import { type AdminAccountFilter, findAdminAccounts } from './admin-account-query.ts';
import { requireStaff } from './staff-gate.ts';

const text = z.string().max(200).optional();
const common = { username: text, display_name: text, by_domain: text, email: text, ip: text };
const v1Params = pageParams.extend({
  ...common,
  local: formBoolean.optional(),
  remote: formBoolean.optional(),
  active: formBoolean.optional(),
  pending: formBoolean.optional(),
  disabled: formBoolean.optional(),
  silenced: formBoolean.optional(),
  suspended: formBoolean.optional(),
  sensitized: formBoolean.optional(),
  staff: formBoolean.optional(),
});
const v2Params = pageParams.extend({
  ...common,
  origin: z.enum(['local', 'remote']).optional(),
  status: z.enum(['active', 'pending', 'disabled', 'silenced', 'suspended']).optional(),
  permissions: z.literal('staff').optional(),
});
const statuses = ['active', 'pending', 'disabled', 'silenced', 'suspended', 'sensitized'] as const;

type Common = { username?: string | undefined; display_name?: string | undefined; by_domain?: string | undefined; email?: string | undefined; ip?: string | undefined };
const textFilters = (params: Common): AdminAccountFilter => ({
  ...(params.username && { username: params.username }),
  ...(params.display_name && { displayName: params.display_name }),
  ...(params.by_domain && { byDomain: params.by_domain }),
  ...(params.email && { email: params.email }),
  ...(params.ip && { ip: params.ip }),
});

/** The admin account lists: v1 with one flag per filter, v2 with origin/status/permissions. */
export function adminAccountListRoutes(deps: ApiDeps): Router {
  const router = Router();
  const read = requireStaff(deps, 'admin:read:accounts');
  const list = async (filter: AdminAccountFilter, params: z.infer<typeof pageParams>, maxLimit: number) => {
    const found = await findAdminAccounts(deps, filter, params, maxLimit);
    const emojis = await accountEmojis(await deps.readModels(), found.map((f) => f.account));
    return found.map(({ account, credentials }) => presentAdminAccount(deps, account, credentials, emojis));
  };

  router.get('/api/v1/admin/accounts', ...read, async (req, res) => {
    const params = query(req, v1Params);
    const filter: AdminAccountFilter = { ...textFilters(params), ...(params.staff && { staff: true }) };
    if (params.local) filter.origin = 'local';
    else if (params.remote) filter.origin = 'remote';
    const status = statuses.find((name) => params[name]);
    if (status) filter.status = status;
    const entities = await list(filter, params, 200);
    setLinkHeader(req, res, deps.config.publicUrl, entities.map((a) => a.id));
    res.json(entities);
  });

  router.get('/api/v2/admin/accounts', ...read, async (req, res) => {
    const params = query(req, v2Params);
    const filter: AdminAccountFilter = { ...textFilters(params), ...(params.origin && { origin: params.origin }), ...(params.status && { status: params.status }) };
    if (params.permissions === 'staff') filter.staff = true;
    const entities = await list(filter, params, 200);
    setLinkHeader(req, res, deps.config.publicUrl, entities.map((a) => a.id));
    res.json(entities);
  });
  return router;
}
