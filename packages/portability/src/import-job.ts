import { type CommandDeps, awaitProjection, commandMetadata } from '@strata/commands';
import { PermanentJobError } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import { z } from 'zod';
import { bulkImportsCollection } from './bulk-imports.ts';
import { type RemoteLookup, type RowContext, importRow, undoMissing } from './import-rows.ts';

export interface ImportJobDeps {
  commands: CommandDeps;
  readModels: ReadModelStore;
  domain: string;
  publicUrl: string;
  logger: Logger;
  /** Resolves accounts and statuses of other servers (the federation's remote resolver). */
  remote?: RemoteLookup;
}

const ImportJob = z.object({ importId: z.string() });
const SAVE_EVERY = 10;
const MAX_FAILURES_KEPT = 100;

/**
 * Runs an import: rows in order, progress saved as it goes, so a job that dies or throws
 * is retried by the queue and goes on from the last saved row (rows are idempotent, so
 * one done twice changes nothing). A row that cannot be imported is counted, not retried.
 */
export function importProcessor(deps: ImportJobDeps) {
  return async (payload: unknown): Promise<void> => {
    const parsed = ImportJob.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('malformed import job');
    const imports = bulkImportsCollection(deps.readModels);
    const doc = await imports.get(parsed.data.importId);
    if (!doc || doc.state === 'finished') return;
    const context: RowContext = {
      commands: deps.commands,
      readModels: deps.readModels,
      domain: deps.domain,
      publicUrl: deps.publicUrl,
      accountId: doc.accountId,
      metadata: { ...commandMetadata(doc.accountId), correlationId: `import-${doc.id}` },
      lists: new Map(),
      written: new Map(),
      remote: deps.remote,
      logger: deps.logger,
    };
    await imports.patch(doc.id, { state: 'in_progress' });
    if (doc.mode === 'overwrite' && !doc.overwriteDone) {
      await undoMissing(context, doc.type, doc.rows);
      await imports.patch(doc.id, { overwriteDone: true });
    }
    let { processed, imported, failed } = doc;
    const failures = [...doc.failures];
    const save = () => imports.patch(doc.id, { processed, imported, failed, failures });
    for (const row of doc.rows.slice(processed)) {
      const failure = await importRow(context, doc.type, row);
      if (failure) {
        failed++;
        if (failures.length < MAX_FAILURES_KEPT) failures.push(failure);
      } else imported++;
      processed++;
      if (processed % SAVE_EVERY === 0) await save();
    }
    await save();
    // "finished" means the account's follows, lists… read as imported
    await awaitProjection({ readModels: async () => deps.readModels }, ...context.written.values());
    await imports.patch(doc.id, { state: 'finished', finishedAt: deps.commands.clock.now().toISOString() });
    deps.logger.info({ importId: doc.id, type: doc.type, imported, failed }, 'import finished');
  };
}
