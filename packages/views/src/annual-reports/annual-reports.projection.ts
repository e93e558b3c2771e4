import type { RecordedEvent } from '@strata/kernel';
import { type AnnualReportData, strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection } from '../projection/projection.ts';

/** A generated annual report as its owner reads it; `read` once they have seen it. */
export interface AnnualReportDoc extends Doc {
  accountId: string;
  year: number;
  data: AnnualReportData;
  read: boolean;
  generatedAt: string;
}

export function annualReportsCollection(store: ReadModelStore): Collection<AnnualReportDoc> {
  return store.collection<AnnualReportDoc>('annual_reports', { indexes: [['accountId', 'year']] });
}

export const annualReportId = (accountId: string, year: number) => `${accountId}-${year}`;

/** Kept by account and year; the owner's deletion takes them along. */
export const annualReportsProjection: Projection = {
  name: 'annual-reports',
  handles: new Set(['AnnualReportGenerated', 'AnnualReportRead', 'AccountDeleted']),
  apply: async (recorded: RecordedEvent, { readModels }) => {
    const event = strataEvents.decode(recorded);
    if (!event) return;
    const reports = annualReportsCollection(readModels);
    switch (event.type) {
      case 'AnnualReportGenerated': {
        const { accountId, year, data, generatedAt } = event.data;
        // redelivered after it was read: it stays read
        const read = (await reports.get(annualReportId(accountId, year)))?.read ?? false;
        await reports.upsert({ id: annualReportId(accountId, year), accountId, year, data, generatedAt, read });
        break;
      }
      case 'AnnualReportRead':
        await reports.patch(annualReportId(event.data.accountId, event.data.year), { read: true });
        break;
      case 'AccountDeleted':
        await reports.deleteWhere({ accountId: event.data.accountId });
        break;
    }
  },
};
