import { z } from 'zod';
import { PermanentJobError } from '@strata/job-queue';
import type { Clock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { KEPT_COLLECTIONS } from '@strata/views';
import { type ArchiveContext, buildArchive } from './archive.ts';

/** A requested archive: made by the archive job, downloaded by its owner. Not a projection (like imports). */
export interface AccountArchiveDoc extends Doc {
  accountId: string;
  state: 'scheduled' | 'finished';
  key: string | null;
  size: number;
  createdAt: string;
  finishedAt: string | null;
}

export const accountArchivesCollection = (store: ReadModelStore): Collection<AccountArchiveDoc> => store.collection<AccountArchiveDoc>(KEPT_COLLECTIONS.accountArchives, { indexes: [['accountId']], keptAcrossRebuilds: true });
export const ARCHIVE_QUEUE = 'archive';

export function presentArchive(doc: AccountArchiveDoc, publicUrl: string) {
  return {
    id: doc.id,
    state: doc.state,
    size: doc.size,
    created_at: doc.createdAt,
    finished_at: doc.finishedAt,
    url: doc.state === 'finished' ? `${publicUrl}/settings/backups/${doc.id}/download` : null,
  };
}

/** Builds a requested archive; a failure is retried by the queue and builds it again from scratch. */
export function archiveProcessor(deps: ArchiveContext & { clock: Clock; logger: Logger }) {
  return async (payload: unknown): Promise<void> => {
    const parsed = z.object({ archiveId: z.string() }).safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('malformed archive job');
    const archives = accountArchivesCollection(deps.readModels);
    const doc = await archives.get(parsed.data.archiveId);
    if (!doc || doc.state === 'finished') return;
    const { key, size } = await buildArchive(deps, doc.accountId, doc.id).catch((error: unknown) => {
      deps.logger.warn({ err: error, archiveId: doc.id }, 'archive failed; the queue retries it');
      throw error;
    });
    await archives.patch(doc.id, { state: 'finished', key, size, finishedAt: deps.clock.now().toISOString() });
    deps.logger.info({ archiveId: doc.id, accountId: doc.accountId, size }, 'archive ready');
  };
}
