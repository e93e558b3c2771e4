import type { RecordedEvent } from '@strata/kernel';
import { type ReportCategory, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { accountsCollection } from '../accounts/accounts.view.ts';

export interface ReportDoc extends Doc {
  accountId: string;
  targetAccountId: string;
  statusIds: string[];
  comment: string;
  category: ReportCategory;
  ruleIds: string[];
  forward: boolean;
  createdAt: string;
  updatedAt: string;
  assigneeId: string | null;
  resolved: boolean;
  actionTakenAt: string | null;
  actionTakenById: string | null;
}

export const reportsCollection = (store: ReadModelStore): Collection<ReportDoc> =>
  store.collection<ReportDoc>('reports', { indexes: [['resolved'], ['accountId'], ['targetAccountId']] });

export const staffRoles = ['owner', 'admin', 'moderator'] as const;

/** The local staff who hear of new reports. */
export async function moderatorIds(store: ReadModelStore): Promise<string[]> {
  const staff = await accountsCollection(store).find({ where: { role: { $in: [...staffRoles] }, domain: null } });
  return staff.filter((account) => !account.suspended).map((account) => account.id);
}

/** Reports as moderators see them (the `admin.report` notification is the notifications projection's). */
export const reportsProjection: Projection = {
  name: 'reports',
  handles: new Set(['ReportFiled', 'ReportAssigned', 'ReportResolutionChanged']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    const reports = reportsCollection(context.readModels);
    switch (event?.type) {
      case 'ReportFiled': {
        const { reportId, at, ...data } = event.data;
        await reports.upsert({ id: reportId, ...data, createdAt: at, updatedAt: at, assigneeId: null, resolved: false, actionTakenAt: null, actionTakenById: null });
        return;
      }
      case 'ReportAssigned':
        await reports.patch(event.data.reportId, { assigneeId: event.data.assigneeId, updatedAt: event.data.at });
        return;
      case 'ReportResolutionChanged': {
        const { reportId, resolved, byAccountId, at } = event.data;
        await reports.patch(reportId, { resolved, actionTakenAt: resolved ? at : null, actionTakenById: resolved ? byAccountId : null, updatedAt: at });
        return;
      }
    }
  },
};
