import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { KEPT_COLLECTIONS } from '@strata/views';
import type { ImportMode, ImportRow, ImportType } from './csv-import.ts';

/**
 * An import in progress: the rows of the uploaded file and how far the job got. Not a
 * projection of events: the import route creates it and the import job alone advances
 * it; what the import changes goes through commands like any client's change.
 */
export interface BulkImportDoc extends Doc {
  accountId: string;
  type: ImportType;
  mode: ImportMode;
  rows: ImportRow[];
  state: 'scheduled' | 'in_progress' | 'finished';
  processed: number;
  imported: number;
  /** The rows that could not be imported (unknown account, status not visible…), first 100. */
  failures: string[];
  failed: number;
  overwriteDone: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export const bulkImportsCollection = (store: ReadModelStore): Collection<BulkImportDoc> => store.collection<BulkImportDoc>(KEPT_COLLECTIONS.bulkImports, { indexes: [['accountId']], keptAcrossRebuilds: true });

export const IMPORT_QUEUE = 'import';

/** What the API shows of an import, in the names of Mastodon's BulkImport. */
export function presentImport(doc: BulkImportDoc) {
  return {
    id: doc.id,
    type: doc.type,
    mode: doc.mode,
    state: doc.state,
    total_items: doc.rows.length,
    processed_items: doc.processed,
    imported_items: doc.imported,
    failed_items: doc.failed,
    failures: doc.failures,
    created_at: doc.createdAt,
    finished_at: doc.finishedAt,
  };
}
