import { strataEvents } from '@strata/contracts';
import type { RecordedEvent } from '@strata/kernel';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { dayOf, weekOf } from './periods.ts';

/** One fact per document; the figures are counts of them, so replaying an event changes nothing. */
export interface ActivityFact extends Doc {
  kind: 'local-account' | 'status' | 'registration' | 'active-day' | 'active-week' | 'interaction' | 'report-opened' | 'report-resolved';
  /** The day or the week's Monday (`YYYY-MM-DD`) the fact belongs to; null for local-account. */
  period: string | null;
}

export function activityFacts(store: ReadModelStore): Collection<ActivityFact> {
  return store.collection<ActivityFact>('analytics_activity', { indexes: [['kind', 'period']] });
}

/**
 * Turns the public event stream into activity facts. Delivery is at-least-once, so every
 * write is an upsert keyed by what it records (the status, the account and the day):
 * a redelivered event writes the same documents again.
 */
export function activityHandler(facts: Collection<ActivityFact>) {
  const active = async (accountId: string, time: string) => {
    await facts.upsertMany([
      { id: `active-day:${dayOf(time)}:${accountId}`, kind: 'active-day', period: dayOf(time) },
      { id: `active-week:${weekOf(time)}:${accountId}`, kind: 'active-week', period: weekOf(time) },
    ]);
  };

  /** Like Mastodon's admin measure: favourites, boosts and replies that statuses of this instance received. */
  const interaction = async (id: string, statusId: string | null, at: string) => {
    if (statusId && (await facts.get(`status:${statusId}`))) await facts.upsert({ id: `interaction:${id}`, kind: 'interaction', period: weekOf(at) });
  };

  return async (recorded: RecordedEvent): Promise<void> => {
    const event = strataEvents.decode(recorded);
    if (!event) return; // a type or version newer than this consumer: not counted
    switch (event.type) {
      case 'AccountRegistered':
        await facts.upsertMany([
          { id: `account:${event.data.accountId}`, kind: 'local-account', period: null },
          { id: `registration:${event.data.accountId}`, kind: 'registration', period: weekOf(event.data.registeredAt) },
        ]);
        return;
      case 'AccountDeleted':
        // past figures stay; the erased account is no longer counted as local from now on
        await facts.delete(`account:${event.data.accountId}`);
        return;
      case 'StatusPosted':
        await interaction(`reply:${event.data.statusId}`, event.data.inReplyToId, event.data.postedAt);
        if (event.data.remote !== null) return; // statuses of other servers are not this instance's activity
        await facts.upsert({ id: `status:${event.data.statusId}`, kind: 'status', period: weekOf(event.data.postedAt) });
        await active(event.data.accountId, event.data.postedAt);
        return;
      case 'StatusReblogged':
        await interaction(`reblog:${event.data.reblogId}`, event.data.statusId, event.data.rebloggedAt);
        break;
      case 'StatusToggled':
        if (event.data.kind === 'favourite' && event.data.on) await interaction(`favourite:${event.data.toggleId}`, event.data.statusId, event.data.at);
        break;
      case 'ReportFiled':
        await facts.upsert({ id: `report-opened:${event.data.reportId}`, kind: 'report-opened', period: weekOf(event.data.at) });
        break;
      case 'ReportResolutionChanged':
        if (event.data.resolved) await facts.upsert({ id: `report-resolved:${event.data.reportId}:${weekOf(event.data.at)}`, kind: 'report-resolved', period: weekOf(event.data.at) });
        break;
    }
    // anything else a local account did (favourites, boosts, follows, profile edits…) counts as activity
    const actor = recorded.metadata.actor;
    if (actor && (await facts.get(`account:${actor}`))) await active(actor, recorded.time);
  };
}
