import { openVault } from '@strata/auth';
import type { StrataConfig } from '@strata/config';
import { type Clock, snowflakes, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { createMediaStorage } from '@strata/media';
import { PersonalDataVault } from '@strata/personal-data';
import type { Engines } from '@strata/runtime';
import { type StrataFederation, createStrataFederation } from './create-federation.ts';
import type { FederationDeps } from './deps.ts';
import { documentPolicyOf, installOutboundDispatcher } from './outbound-http/outbound-dispatcher.ts';

/** The federation's dependencies from the engines, for the inbox and delivery processes of distributed mode. */
export async function composeFederation(config: StrataConfig, logger: Logger, engines: Engines, clock: Clock = systemClock) {
  // a process that federates sends every `fetch` through the outbound pool
  installOutboundDispatcher(documentPolicyOf(config.federation));
  const vault = openVault(await engines.vault());
  const personalData = new PersonalDataVault(await engines.vault());
  const deps: FederationDeps = {
    config,
    logger,
    clock,
    ids: snowflakes,
    readModels: engines.readModels,
    eventStore: engines.eventStore,
    vault: async () => vault,
    personalData: async () => personalData,
    media: createMediaStorage(config),
  };
  return { deps, federation: await federationOver(deps, engines) };
}

/** Fedify over the engines' job queue and key–value store. */
export async function federationOver(deps: FederationDeps, engines: Pick<Engines, 'jobQueue' | 'federationKv'>): Promise<StrataFederation> {
  return createStrataFederation(deps, { jobs: await engines.jobQueue(), kv: await engines.federationKv() });
}

/** Runs Fedify's queue workers (`inbox` in the inbox process, `outbox` and `fanout` in delivery). */
export function startFederationQueues(federation: StrataFederation, deps: FederationDeps, queues: ('inbox' | 'outbox' | 'fanout')[]) {
  const controller = new AbortController();
  const running = queues.map((queue) => federation.startQueue(deps, { signal: controller.signal, queue }));
  return {
    async stop() {
      controller.abort();
      await Promise.allSettled(running);
    },
  };
}
