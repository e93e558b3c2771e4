import type { Context } from '@fedify/fedify';
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

/**
 * Loaders for every document Strata fetches from a peer (actors, keys, objects,
 * collections): GETs signed by the instance actor, since servers in authorized-fetch
 * mode answer 401 to unsigned ones. Fedify's default loader does not sign.
 */
export function instanceLoaders(ctx: Context<FederationDeps>): Promise<InstanceLoaders> {
  // one loader per context: each is made from the instance actor's keys, and an inbox
  // activity asks for it in several places (sender, object, tags, attachments, poll)
  let loaders = loadersByContext.get(ctx);
  if (!loaders) {
    loaders = ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR }).then((documentLoader) => ({ documentLoader, contextLoader: ctx.contextLoader }));
    loadersByContext.set(ctx, loaders);
  }
  return loaders;
}

type InstanceLoaders = Pick<Context<FederationDeps>, 'documentLoader' | 'contextLoader'>;
const loadersByContext = new WeakMap<Context<FederationDeps>, Promise<InstanceLoaders>>();
