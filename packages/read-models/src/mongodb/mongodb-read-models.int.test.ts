import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { afterAll, beforeAll, describe } from 'vitest';
import { engineSuiteRuns, engineSuiteTitle, uniqueName } from '@strata/testkit';
import { readModelContract } from '../contract.ts';
import { connectMongoReadModels } from './mongodb-read-models.ts';

const runs = await engineSuiteRuns('MongoDB');

describe.skipIf(!runs)(engineSuiteTitle('MongoDB', runs), () => {
  let container: StartedMongoDBContainer;
  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:8').start();
  });
  afterAll(async () => container?.stop());

  // a database per test keeps them apart on one server
  readModelContract(async () => {
    const store = await connectMongoReadModels({
      url: `${container.getConnectionString()}?directConnection=true`,
      dbName: uniqueName('strata').replaceAll('-', '_'),
    });
    return { store, cleanup: () => store.close() };
  });
});
