import { describe } from 'vitest';
import { uniqueName } from '@strata/testkit';
import { pubSubContract } from '../contract.ts';
import { connectRedisPubSub } from './redis-pubsub.ts';

const url = process.env['STRATA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe(`Redis pub/sub (${url})`, () => {
  pubSubContract(async () => {
    const keyPrefix = `${uniqueName('strata-test')}:`;
    const pubsub = await connectRedisPubSub({ url, keyPrefix });
    const second = await connectRedisPubSub({ url, keyPrefix });
    return { pubsub, second, cleanup: async () => (await pubsub.close(), await second.close()) };
  });
});
