import { randomUUID } from 'node:crypto';
import { type Vault, openVault } from '@strata/auth';
import type { StrataConfig } from '@strata/config';
import type { DeleteAccountDeps } from '@strata/commands';
import { snowflakes, systemClock } from '@strata/kernel';
import { createMediaStorage } from '@strata/media';
import { PersonalDataVault } from '@strata/personal-data';
import { type Engines, openEngines } from '@strata/runtime';

/** Every CLI change is recorded as the operator's, under a fresh correlation id. */
export const metadata = () => ({ actor: 'system:cli', correlationId: randomUUID() });

/** Opens the engines for one command and closes them whatever happens. */
export async function withEngines<T>(config: StrataConfig, work: (engines: Engines, vault: Vault) => Promise<T>): Promise<T> {
  const engines = openEngines(config, 'strata-cli');
  try {
    return await work(engines, openVault(await engines.vault()));
  } finally {
    await engines.close();
  }
}

/** What every account command needs, built from the engines: the CLI writes only through @strata/commands. */
export async function withCommandDeps<T>(config: StrataConfig, work: (deps: DeleteAccountDeps) => Promise<T>): Promise<T> {
  return withEngines(config, async (engines, vault) =>
    work({
      store: await engines.eventStore(),
      ids: snowflakes,
      clock: systemClock,
      vault,
      personalData: new PersonalDataVault(await engines.vault()),
      media: createMediaStorage(config),
    }),
  );
}
