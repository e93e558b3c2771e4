import type { Vault } from '@strata/auth';
import type { CommandSources } from '@strata/commands';
import type { StrataConfig } from '@strata/config';
import type { Logger } from '@strata/logging';
import type { MediaStorage } from '@strata/media';

/** What Fedify's dispatchers and listeners need; the same object is Fedify's context data. */
export interface FederationDeps extends CommandSources {
  config: StrataConfig;
  logger: Logger;
  vault(): Promise<Vault>;
  media: MediaStorage;
}

/** The instance actor (an Application) signs fetches; `~` cannot appear in a username. */
export const INSTANCE_ACTOR = '~instance';
