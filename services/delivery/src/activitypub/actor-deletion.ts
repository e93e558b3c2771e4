import { importJwk } from '@fedify/fedify';
import { Delete, PUBLIC_COLLECTION } from '@fedify/vocab';
import type { FederationDeps, StrataFederation } from '@strata/federation';
import { accountsCollection } from '@strata/views';
import { recipientOf } from './audience.ts';
import type { OutboundJob } from './outbound-jobs.ts';

/**
 * Delete of a deleted local account's actor, to every server this one knows (as Mastodon
 * tells all known inboxes), then its keys are erased from the vault. The account is gone
 * from the read models already, so the keys are handed to Fedify directly and the
 * deliveries go out at once (not through the queues, which would look the keys up later).
 * Each inbox gets one attempt: a deleted account cannot sign any retry after this.
 */
export async function sendActorDelete(federation: StrataFederation, deps: FederationDeps, job: Extract<OutboundJob, { type: 'delete-actor' }>) {
  const vault = await deps.vault();
  const stored = await vault.actorKeys.get(job.accountId);
  if (!stored) return; // never federated, or already told and erased
  const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
  const actor = ctx.getActorUri(job.username);
  const keys = [
    { keyId: new URL('#main-key', actor), privateKey: await importJwk(stored.rsa.privateJwk, 'private') },
    { keyId: new URL('#key-2', actor), privateKey: await importJwk(stored.ed25519.privateJwk, 'private') },
  ];
  const activity = new Delete({ id: new URL(`${actor.href}#delete`), actor, tos: [PUBLIC_COLLECTION], object: actor });
  const known = await accountsCollection(await deps.readModels()).find({ where: { domain: { $ne: null } } });
  const inboxes = new Map<string, (typeof known)[number]>();
  for (const account of known) {
    if (!account.remote || account.suspended) continue;
    inboxes.set(account.remote.sharedInbox ?? account.remote.inbox, account);
  }
  let failed = 0;
  for (const account of inboxes.values()) {
    await ctx.sendActivity(keys, recipientOf(account), activity, { preferSharedInbox: true, immediate: true }).catch((error: unknown) => {
      failed++;
      deps.logger.warn({ err: error, inbox: account.remote!.sharedInbox ?? account.remote!.inbox }, 'Delete of a deleted actor not delivered');
    });
  }
  await vault.actorKeys.delete(job.accountId);
  deps.logger.info({ accountId: job.accountId, servers: inboxes.size, failed }, 'deleted actor announced; its keys are erased');
}
