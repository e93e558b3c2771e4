import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import type { Projection, ProjectionContext } from '../projection/projection.ts';

/**
 * One fact per thing the admin dashboard counts, keyed so that a redelivered event (or an
 * account active twice in a day) writes the same document again: counts stay exact.
 */
export interface MetricFactDoc extends Doc {
  key: 'new_users' | 'active_users' | 'interactions' | 'opened_reports' | 'resolved_reports' | 'statuses' | 'remote_statuses';
  /** UTC day, YYYY-MM-DD. */
  day: string;
  accountId: string | null;
  /** The status language (statuses) or the server (remote statuses). */
  label: string | null;
}

export const metricFactsCollection = (store: ReadModelStore): Collection<MetricFactDoc> =>
  store.collection<MetricFactDoc>('admin_metric_facts', { indexes: [['key', 'day']] });

const isLocalAccountId = (actor: string | undefined): actor is string => Boolean(actor && /^\d{1,20}$/.test(actor));

/** Measures, dimensions and retention of the admin API, computed from the event log alone. */
export const adminMetricsProjection: Projection = {
  name: 'admin-metrics',
  handles: new Set(['AccountRegistered', 'StatusPosted', 'StatusReblogged', 'StatusToggled', 'AccountFollowed', 'FollowRequested', 'ReportFiled', 'ReportResolutionChanged', 'AccountProfileUpdated']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    if (!event) return;
    const facts = metricFactsCollection(context.readModels);
    const day = recorded.time.slice(0, 10);
    const fact = (id: string, key: MetricFactDoc['key'], accountId: string | null = null, label: string | null = null) =>
      facts.upsert({ id: `${key}:${id}`, key, day, accountId, label });
    const actor = recorded.metadata.actor;
    // whoever acted through this instance (a local account is the actor of its own commands) was active that day
    if (isLocalAccountId(actor)) await fact(`${day}:${actor}`, 'active_users', actor);
    switch (event.type) {
      case 'AccountRegistered':
        await fact(event.data.accountId, 'new_users', event.data.accountId);
        return void (await fact(`${day}:${event.data.accountId}`, 'active_users', event.data.accountId));
      case 'StatusPosted': {
        if (event.data.inReplyToId) await fact(recorded.id, 'interactions');
        if (!event.data.remote) return void (await fact(event.data.statusId, 'statuses', event.data.accountId, event.data.language));
        const author = await accountsCollection(context.readModels).get(event.data.accountId);
        return void (await fact(event.data.statusId, 'remote_statuses', event.data.accountId, author?.domain ?? null));
      }
      case 'StatusReblogged':
        return void (await fact(recorded.id, 'interactions'));
      case 'StatusToggled':
        if (event.data.kind === 'favourite' && event.data.on) await fact(recorded.id, 'interactions');
        return;
      case 'ReportFiled':
        return void (await fact(event.data.reportId, 'opened_reports'));
      case 'ReportResolutionChanged':
        if (event.data.resolved) await fact(recorded.id, 'resolved_reports');
        return;
      default:
        return;
    }
  },
};
