import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { engineSuiteRuns, engineSuiteTitle, uniqueName } from '@strata/testkit';
import { readModelContract } from '../contract.ts';
import { readModelVersionsContract } from '../versions-contract.ts';
import { connectMongoReadModels } from './mongodb-read-models.ts';

const runs = await engineSuiteRuns('MongoDB');

describe.skipIf(!runs)(engineSuiteTitle('MongoDB', runs), () => {
  let container: StartedMongoDBContainer;
  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:8').start();
  });
  afterAll(async () => container?.stop());
  const connect = (dbName: string, versioned = false) => connectMongoReadModels({ url: `${container.getConnectionString()}?directConnection=true`, dbName, versioned });

  // a database per test keeps them apart on one server
  readModelContract(async () => {
    const store = await connect(uniqueName('strata').replaceAll('-', '_'), true);
    return { store, cleanup: () => store.close() };
  });

  describe('versions', () => {
    const opened: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const close of opened.splice(0)) await close();
    });
    // two clients on one database, as two processes
    readModelVersionsContract(async () => {
      const dbName = uniqueName('strata').replaceAll('-', '_');
      const [readers, rebuilder] = [await connect(dbName, true), await connect(dbName, true)];
      opened.push(async () => (await readers.close(), await rebuilder.close()));
      return { readers, rebuilder };
    });
  });
});
