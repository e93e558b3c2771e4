import { Router, type Response } from 'express';
import { type PushDevice, changePushAlerts, openPushDevice, pushTokenKey, subscribeToPush, unsubscribeFromPush } from '@strata/commands';
import { vapidKeys } from '@strata/auth';
import { NotFoundError, UnauthorizedError } from '@strata/kernel';
import { body } from '@strata/http';
import { type PushSubscriptionDoc, pushSubscriptionsCollection } from '@strata/views';
import { bearerToken, callerOf, requireScope, userOf } from '../auth/authentication.ts';
import { awaitProjection, commandDeps, metadataOf } from '../http/command-context.ts';
import type { ApiDeps } from '../http/deps.ts';
import { allAlerts, changeParams, checkDeviceKeys, settingsOf, subscribeParams } from './push-params.ts';

/** The Web Push subscription of the calling token (one per token, as in Mastodon). */
export function pushSubscriptionRoutes(deps: ApiDeps): Router {
  const router = Router();
  const path = '/api/v1/push/subscription';
  const tokenOf = (res: Response) => {
    const caller = callerOf(res);
    if (!caller) throw new UnauthorizedError();
    return caller.tokenId;
  };
  const pushDeps = async () => ({ ...(await commandDeps(deps)), vault: await deps.vault() });
  const find = async (res: Response) => {
    const [doc] = await pushSubscriptionsCollection(await deps.readModels()).find({ where: { tokenKey: pushTokenKey(tokenOf(res)) }, limit: 1 });
    return doc;
  };
  const present = async (doc: Pick<PushSubscriptionDoc, 'id' | 'standard' | 'alerts' | 'policy'>) => {
    const device = await openPushDevice(await pushDeps(), doc.id);
    if (!device) throw new NotFoundError();
    return {
      id: doc.id,
      endpoint: device.endpoint,
      standard: doc.standard,
      alerts: allAlerts(doc.alerts),
      policy: doc.policy,
      server_key: (await vapidKeys(await deps.vault())).publicKey,
    };
  };

  router.post(path, requireScope('push'), async (req, res) => {
    const accountId = userOf(res);
    const params = body(req, subscribeParams);
    const { subscription } = params;
    const data = settingsOf(params);
    checkDeviceKeys(subscription.keys, subscription.endpoint, deps.config.federation.allowPrivateAddress);
    const device: PushDevice = { tokenId: tokenOf(res), accessToken: bearerToken(req) ?? '', endpoint: subscription.endpoint, ...subscription.keys };
    const replacing = (await find(res))?.id;
    const input = { accountId, device, standard: subscription.standard, ...data, ...(replacing && { replacing }) };
    const result = await subscribeToPush(await pushDeps(), input, metadataOf(res));
    await awaitProjection(deps, result);
    res.json(await present({ id: result.subscriptionId, standard: subscription.standard, ...data }));
  });

  router.get(path, requireScope('push'), async (_req, res) => {
    userOf(res);
    const doc = await find(res);
    if (!doc) throw new NotFoundError();
    res.json(await present(doc));
  });

  router.put(path, requireScope('push'), async (req, res) => {
    const accountId = userOf(res);
    const data = settingsOf(body(req, changeParams));
    if (!(await find(res))) throw new NotFoundError();
    const result = await changePushAlerts(await commandDeps(deps), { accountId, tokenId: tokenOf(res), ...data }, metadataOf(res));
    await awaitProjection(deps, result);
    const doc = await find(res);
    if (!doc) throw new NotFoundError();
    res.json(await present(doc));
  });

  router.delete(path, requireScope('push'), async (_req, res) => {
    const accountId = userOf(res);
    const doc = await find(res);
    if (doc) {
      const result = await unsubscribeFromPush(await pushDeps(), { accountId, tokenId: tokenOf(res), subscriptionId: doc.id, reason: 'unsubscribed' }, metadataOf(res));
      await awaitProjection(deps, result);
    }
    res.json({});
  });
  return router;
}
