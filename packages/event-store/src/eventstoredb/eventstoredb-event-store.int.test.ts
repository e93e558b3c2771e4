import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { engineSuiteRuns, engineSuiteTitle } from '@strata/testkit';
import { eventStoreContract } from '../contract.ts';
import { connectEventStoreDb } from './eventstoredb-event-store.ts';

const runs = await engineSuiteRuns('EventStoreDB');

describe.skipIf(!runs)(engineSuiteTitle('EventStoreDB', runs), () => {
  let container: StartedTestContainer;
  let connectionString: string;

  beforeAll(async () => {
    container = await new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:25.1')
      .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  });
  afterAll(async () => container?.stop());

  // one database for every test: the contract uses unique stream names
  eventStoreContract(async () => {
    const store = connectEventStoreDb({ connectionString });
    return { store, cleanup: () => store.close() };
  });
});
