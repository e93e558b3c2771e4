import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { setNotificationPolicy } from '@strata/commands';
import { NotificationPolicyValue } from '@strata/contracts';
import { body } from '@strata/http';
import { type NotificationPolicy, notificationPolicyOf } from '@strata/views';
import { requireScope, userOf } from '../auth/authentication.ts';
import { formBoolean } from '../accounts/params.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { requestSummary } from './notification-requests.ts';

const FIELDS = { for_not_following: 'forNotFollowing', for_not_followers: 'forNotFollowers', for_new_accounts: 'forNewAccounts', for_private_mentions: 'forPrivateMentions', for_limited_accounts: 'forLimitedAccounts' } as const;
const V1_FIELDS = { filter_not_following: 'forNotFollowing', filter_not_followers: 'forNotFollowers', filter_new_accounts: 'forNewAccounts', filter_private_mentions: 'forPrivateMentions' } as const;
const v2Params = z.object(Object.fromEntries(Object.keys(FIELDS).map((key) => [key, NotificationPolicyValue.optional()])) as Record<keyof typeof FIELDS, z.ZodOptional<typeof NotificationPolicyValue>>);
const v1Params = z.object(Object.fromEntries(Object.keys(V1_FIELDS).map((key) => [key, formBoolean.optional()])) as Record<keyof typeof V1_FIELDS, z.ZodOptional<typeof formBoolean>>);

/** The notification policy (v2, with accept/filter/drop; v1, with filter booleans) and its pending summary. */
export function notificationPolicyRoutes(deps: ApiDeps): Router {
  const router = Router();
  const current = async (viewer: string) => notificationPolicyOf(await deps.readModels(), viewer);
  const presentV2 = async (viewer: string, policy: NotificationPolicy) => ({
    ...Object.fromEntries(Object.entries(FIELDS).map(([key, field]) => [key, policy[field]])),
    summary: await requestSummary(deps, viewer),
  });
  const presentV1 = async (viewer: string, policy: NotificationPolicy) => ({
    ...Object.fromEntries(Object.entries(V1_FIELDS).map(([key, field]) => [key, policy[field] !== 'accept'])),
    summary: await requestSummary(deps, viewer),
  });
  const change = async (viewer: string, changes: Partial<NotificationPolicy>, metadata: ReturnType<typeof metadataOf>) => {
    const next = { ...(await current(viewer)), ...changes };
    await awaitProjection(deps, await setNotificationPolicy(await commandDeps(deps), viewer, next, metadata));
    return next;
  };

  router.get('/api/v2/notifications/policy', requireScope('read:notifications'), async (_req, res) => {
    const viewer = userOf(res);
    res.json(await presentV2(viewer, await current(viewer)));
  });
  const updateV2: RequestHandler = async (req, res) => {
    const viewer = userOf(res);
    const params = body(req, v2Params);
    const changes = Object.fromEntries(Object.entries(FIELDS).flatMap(([key, field]) => (params[key as keyof typeof FIELDS] ? [[field, params[key as keyof typeof FIELDS]]] : [])));
    res.json(await presentV2(viewer, await change(viewer, changes, metadataOf(res))));
  };
  router.get('/api/v1/notifications/policy', requireScope('read:notifications'), async (_req, res) => {
    const viewer = userOf(res);
    res.json(await presentV1(viewer, await current(viewer)));
  });
  const updateV1: RequestHandler = async (req, res) => {
    const viewer = userOf(res);
    const params = body(req, v1Params);
    // v1 knows only filter or not: `true` filters, `false` accepts
    const changes = Object.fromEntries(Object.entries(V1_FIELDS).flatMap(([key, field]) => {
      const value = params[key as keyof typeof V1_FIELDS];
      return value === undefined ? [] : [[field, value ? 'filter' : 'accept']];
    }));
    res.json(await presentV1(viewer, await change(viewer, changes, metadataOf(res))));
  };
  // PATCH as documented, PUT as Rails routes `update` too (and as client libraries send it)
  for (const method of ['patch', 'put'] as const) {
    router[method]('/api/v2/notifications/policy', requireScope('write:notifications'), updateV2);
    router[method]('/api/v1/notifications/policy', requireScope('write:notifications'), updateV1);
  }
  return router;
}
