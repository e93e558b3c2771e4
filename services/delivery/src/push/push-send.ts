import webpush from 'web-push';
import { validatePublicUrl } from '@fedify/vocab-runtime';
import { type PushDevice, commandDeps, commandMetadata, openPushDevice, unsubscribeFromPush } from '@strata/commands';
import { vapidKeys } from '@strata/auth';
import { PermanentJobError } from '@strata/job-queue';
import { presentNotifications } from '@strata/presenters';
import { type PushSubscriptionDoc, mutesCollection, notificationsCollection, pairId, pushSubscriptionsCollection } from '@strata/views';
import { pushPayload } from './push-payload.ts';
import { type PushDeps, PushSendJob } from './push-jobs.ts';

const TTL_SECONDS = 48 * 3600;

/**
 * Sends one notification to one device, if its recipient may still see it (the visibility
 * policy through presentNotifications, mutes of notifications, a live token). A push
 * service answering 404/410 ends the subscription; other failures are retried.
 */
export function pushSendProcessor(deps: PushDeps) {
  const logger = deps.logger.child({ component: 'web-push' });
  return async (payload: unknown) => {
    const parsed = PushSendJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed push job: ${parsed.error.message}`);
    const store = await deps.readModels();
    const vault = await deps.vault();
    const [subscription, notification] = await Promise.all([pushSubscriptionsCollection(store).get(parsed.data.subscriptionId), notificationsCollection(store).get(parsed.data.notificationId)]);
    if (!subscription || !notification || notification.accountId !== subscription.accountId) return;
    const device = await openPushDevice({ personalData: await deps.personalData(), vault }, subscription.id);
    if (!device) return;
    const token = await vault.tokens.get(device.tokenId);
    if (!token || token.revokedAt) return end(deps, subscription, device, 'token_revoked');
    const mute = await mutesCollection(store).get(pairId(subscription.accountId, notification.fromAccountId));
    if (mute?.notifications && (!mute.expiresAt || Date.parse(mute.expiresAt) > deps.clock.now().getTime())) return;
    const [entity] = await presentNotifications(deps, subscription.accountId, [notification]);
    if (!entity) return;
    const locale = (await vault.credentials.get(subscription.accountId))?.locale ?? 'en';
    const body = JSON.stringify(pushPayload(entity as Parameters<typeof pushPayload>[0], device.accessToken, locale));
    if (!deps.config.federation.allowPrivateAddress) {
      // the endpoint is the client's choice: never a way into this server's own network
      await validatePublicUrl(device.endpoint).catch((error: unknown) => {
        throw new PermanentJobError(`push endpoint refused: ${(error as Error).message}`);
      });
    }
    const keys = await vapidKeys(vault);
    // web-push encrypts and signs; the request is ours, so it follows no redirect and has a deadline
    const request = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, body, {
      vapidDetails: { subject: vapidSubject(deps), publicKey: keys.publicKey, privateKey: keys.privateKey },
      contentEncoding: subscription.standard ? 'aes128gcm' : 'aesgcm',
      TTL: TTL_SECONDS,
    });
    const response = await fetch(request.endpoint, { method: request.method, headers: request.headers as Record<string, string>, body: request.body as Buffer | null, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return logger.debug({ subscriptionId: subscription.id, notificationId: notification.id }, 'pushed');
    if (response.status === 404 || response.status === 410) return end(deps, subscription, device, 'endpoint_gone');
    if (response.status >= 400 && response.status < 500 && response.status !== 429) throw new PermanentJobError(`push service refused: ${response.status}`);
    throw new Error(`push service answered ${response.status}`);
  };
}

/** Whom a push service may contact about our pushes: an https URL or a mailto: (web-push takes nothing else). */
function vapidSubject(deps: PushDeps) {
  const email = deps.config.instance.contactEmail;
  if (email) return `mailto:${email}`;
  const url = new URL(deps.config.publicUrl);
  return url.protocol === 'https:' ? url.origin : `mailto:admin@${url.hostname}`;
}

async function end(deps: PushDeps, subscription: PushSubscriptionDoc, device: PushDevice, reason: 'endpoint_gone' | 'token_revoked') {
  const input = { accountId: subscription.accountId, tokenId: device.tokenId, subscriptionId: subscription.id, reason };
  await unsubscribeFromPush({ ...(await commandDeps(deps)), vault: await deps.vault() }, input, commandMetadata());
}
