import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import { statusesCollection } from '../statuses/statuses.collection.ts';

/** One week of the instance's activity, as Mastodon's `/api/v1/instance/activity` shows it. */
export interface WeeklyActivity {
  /** Midnight UTC of the Monday the week starts on. */
  weekStart: Date;
  statuses: number;
  logins: number;
  registrations: number;
}

const DAY_MS = 86_400_000;

/** Midnight UTC of the Monday of the week holding `now`. */
export function weekStartOf(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/**
 * The last `weeks` weeks, this one first, counted from the read models: local statuses
 * posted (and not deleted), local accounts registered, and as "logins" the local accounts
 * that were active (posted) that week: sign-ins are sessions, not events, so posting is
 * the activity the log records.
 */
export async function weeklyActivity(store: ReadModelStore, now: Date, weeks = 12): Promise<WeeklyActivity[]> {
  const first = weekStartOf(now);
  const result: WeeklyActivity[] = [];
  for (let i = 0; i < weeks; i++) {
    const start = new Date(first.getTime() - i * 7 * DAY_MS);
    const range = { $gte: start.toISOString(), $lt: new Date(start.getTime() + 7 * DAY_MS).toISOString() };
    const [posted, registrations] = await Promise.all([
      statusesCollection(store).find({ where: { local: true, createdAt: range } }),
      accountsCollection(store).count({ domain: null, createdAt: range }),
    ]);
    result.push({ weekStart: start, statuses: posted.length, logins: new Set(posted.map((s) => s.accountId)).size, registrations });
  }
  return result;
}
