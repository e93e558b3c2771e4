import { ValidationError } from '@strata/kernel';
import { scheduledStatusesCollection } from '@strata/views';
import type { ApiDeps } from '../http/deps.ts';

/** Mastodon's limits on scheduled statuses per account. */
export const MAX_PENDING = 300;
export const MAX_PER_DAY = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a status may be scheduled: a valid time at least the configured lead ahead (a time
 * already past posts at once, as Mastodon does: null), within Mastodon's limits.
 */
export async function checkScheduledAt(deps: ApiDeps, accountId: string, raw: string, exceptId?: string): Promise<Date | null> {
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new ValidationError('Validation failed: Scheduled at is invalid');
  const now = deps.clock.now().getTime();
  if (at.getTime() <= now) return null;
  if (at.getTime() < now + deps.config.instance.scheduleMinSeconds * 1000) throw new ValidationError('Validation failed: Scheduled at The scheduled date must be in the future');
  const scheduled = scheduledStatusesCollection(await deps.readModels());
  const others = { accountId, ...(exceptId && { id: { $ne: exceptId } }) };
  if ((await scheduled.count(others)) >= MAX_PENDING) throw new ValidationError(`Validation failed: You have exceeded the limit of ${MAX_PENDING} scheduled posts`);
  // the same day as Mastodon counts it: the UTC day of the scheduled time
  const day = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const sameDay = { ...others, scheduledAt: { $gte: new Date(day).toISOString(), $lt: new Date(day + DAY_MS).toISOString() } };
  if ((await scheduled.count(sameDay)) >= MAX_PER_DAY) throw new ValidationError(`Validation failed: You have exceeded the limit of ${MAX_PER_DAY} scheduled posts for today`);
  return at;
}
