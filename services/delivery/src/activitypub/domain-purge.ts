import { z } from 'zod';
import { changeFollow, commandDeps, deleteStatus, dismissNotifications } from '@strata/commands';
import { strataEvents } from '@strata/contracts';
import type { FederationDeps } from '@strata/federation';
import { PermanentJobError } from '@strata/job-queue';
import type { EventMetadata } from '@strata/kernel';
import {
  type AccountDoc,
  accountsCollection,
  domainAndParents,
  domainPolicyFor,
  followsCollection,
  knownDomainsCollection,
  notificationsCollection,
  statusesCollection,
} from '@strata/views';
import type { Processor, Reaction } from '../index.ts';

/** Purges of a suspended server's content: a job per block, so a restart finishes it. */
export const DOMAIN_PURGE_QUEUE = 'federation.purge-domain';
const PurgeJob = z.object({ domain: z.string().min(1).max(255) });

export const domainPurgeReactions: Record<string, Reaction[]> = {
  InstanceDomainBlockSaved: [
    async (recorded, jobs) => {
      const event = strataEvents.decode(recorded);
      if (event?.type === 'InstanceDomainBlockSaved' && event.data.severity === 'suspend') await jobs.enqueue(DOMAIN_PURGE_QUEUE, { domain: event.data.domain });
    },
  ],
};

/** The remote accounts of a server and its subdomains (a block covers them, as in Mastodon). */
async function accountsOfDomain(deps: FederationDeps, domain: string): Promise<AccountDoc[]> {
  const store = await deps.readModels();
  const known = (await knownDomainsCollection(store).find({})).map((doc) => doc.id).filter((host) => domainAndParents(host).includes(domain));
  if (known.length === 0) return [];
  return accountsCollection(store).find({ where: { domain: { $in: known } } });
}

/**
 * What a suspension removes, as Mastodon does, through the same commands as everything
 * else (so every projection and stream learns of it): the server's statuses (and boosts)
 * are deleted, follows between its accounts and local ones end both ways, and the
 * notifications they caused are dismissed. The accounts stay, empty, so lifting the block
 * lets them federate again. Run again, it finds nothing left to do.
 */
export async function purgeSuspendedDomain(deps: FederationDeps, domain: string): Promise<{ accounts: number; statuses: number; follows: number; notifications: number }> {
  const store = await deps.readModels();
  // the block may have been lifted or softened before the job ran
  if (!(await domainPolicyFor(store, domain)).suspended) return { accounts: 0, statuses: 0, follows: 0, notifications: 0 };
  const commands = await commandDeps(deps);
  const metadata: EventMetadata = { actor: 'system:domain-purge', correlationId: `purge-${domain}` };
  const accounts = await accountsOfDomain(deps, domain);
  const ids = accounts.map((account) => account.id);
  let statuses = 0;
  let follows = 0;
  for (const accountId of ids) {
    for (const status of await statusesCollection(store).find({ where: { accountId } })) {
      statuses += (await deleteStatus(commands, { statusId: status.id, accountId }, metadata)).appended;
    }
    for (const follow of await followsCollection(store).find({ where: { followerId: accountId } })) {
      follows += (await changeFollow(commands, follow.state === 'requested' ? 'RejectFollow' : 'RemoveFollower', { followerId: accountId, followedId: follow.followedId }, metadata)).appended;
    }
    for (const follow of await followsCollection(store).find({ where: { followedId: accountId } })) {
      follows += (await changeFollow(commands, 'Unfollow', { followerId: follow.followerId, followedId: accountId }, metadata)).appended;
    }
  }
  const caused = ids.length ? await notificationsCollection(store).find({ where: { fromAccountId: { $in: ids } } }) : [];
  const byRecipient = Map.groupBy(caused, (notification) => notification.accountId);
  for (const [accountId, list] of byRecipient) await dismissNotifications(commands, { accountId, notificationIds: list.map((n) => n.id) }, metadata);
  return { accounts: ids.length, statuses, follows, notifications: caused.length };
}

export function domainPurgeProcessor(deps: FederationDeps): Processor {
  return async (payload) => {
    const parsed = PurgeJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`malformed domain purge job: ${parsed.error.message}`);
    const purged = await purgeSuspendedDomain(deps, parsed.data.domain.toLowerCase());
    deps.logger.info({ domain: parsed.data.domain, ...purged }, 'suspended server purged');
  };
}
