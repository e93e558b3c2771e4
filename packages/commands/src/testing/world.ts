import { join } from 'node:path';
import { openVault } from '@strata/auth';
import { openSqliteEventStore } from '@strata/event-store';
import { type RecordedEvent, snowflakes, systemClock } from '@strata/kernel';
import { type MediaStorage, createLocalMediaStorage } from '@strata/media';
import { PersonalDataVault } from '@strata/personal-data';
import { openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { type ProjectionContext, allProjections } from '@strata/views';
import type { DeleteAccountDeps } from '../delete-account.ts';
import { registerLocalUser } from '../register-local-user.ts';

/**
 * Real embedded engines in a temp folder, for command tests that follow the events
 * through every projection, as the projector would.
 */
export function openWorld() {
  const temp = makeTempDir('strata-commands-');
  const store = openSqliteEventStore({ path: join(temp.path, 'events.db'), pollIntervalMs: 20 });
  const vaultStore = openSqliteReadModels({ path: join(temp.path, 'vault.db') });
  const readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
  const deps: DeleteAccountDeps & { media: MediaStorage } = {
    store,
    ids: snowflakes,
    clock: systemClock,
    vault: openVault(vaultStore),
    personalData: new PersonalDataVault(vaultStore),
    media: createLocalMediaStorage({ root: join(temp.path, 'media'), publicBaseUrl: 'https://strata.test' }),
  };
  let projected = -1;
  const apply = async (event: RecordedEvent) => {
    for (const projection of allProjections) if (projection.handles.has(event.type)) await projection.apply(event, context);
  };
  const context: ProjectionContext = { readModels, personalData: deps.personalData, publicUrl: 'https://strata.test', publish: () => {} };
  return {
    temp,
    deps,
    readModels,
    vaultStore,
    metadata: { correlationId: 'test' },
    /** Applies every event not applied yet to every projection that handles it. */
    async project(from = projected) {
      for (const event of await store.readAll({ after: from })) {
        await apply(event);
        projected = event.position;
      }
    },
    /** Delivers again the events before `position`, as a log that redelivers or reorders streams may. */
    async redeliverBefore(position: number) {
      for (const event of await store.readAll()) if (event.position < position) await apply(event);
    },
    async signUp(username: string) {
      const input = { username, email: `${username}@example.com`, password: `${username} password`, locale: 'en', reason: null, role: 'user' as const, approved: true, confirmed: true, ip: null };
      return (await registerLocalUser(deps, input, { correlationId: 'test' })).accountId;
    },
    async close() {
      await store.close();
      await vaultStore.close();
      await readModels.close();
      temp.remove();
    },
  };
}
