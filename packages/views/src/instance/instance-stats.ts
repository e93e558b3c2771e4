import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { knownDomainsCollection } from '../accounts/remote-accounts.ts';
import { statusesCollection } from '../statuses/statuses.collection.ts';

export interface InstanceStats {
  userCount: number;
  activeMonth: number;
  activeHalfyear: number;
  statusCount: number;
  domainCount: number;
}

const DAY_MS = 86_400_000;

/** Usage figures for the instance and NodeInfo documents, counted from the read models. */
export async function instanceStats(store: ReadModelStore, now: Date): Promise<InstanceStats> {
  const accounts = accountsCollection(store);
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const [userCount, activeMonth, activeHalfyear, statusCount, domainCount] = await Promise.all([
    accounts.count({ domain: null }),
    accounts.count({ domain: null, lastActiveAt: { $gte: since(30) } }),
    accounts.count({ domain: null, lastActiveAt: { $gte: since(180) } }),
    statusesCollection(store).count({ local: true }),
    knownDomainsCollection(store).count(),
  ]);
  return { userCount, activeMonth, activeHalfyear, statusCount, domainCount };
}
