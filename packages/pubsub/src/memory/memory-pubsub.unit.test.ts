import { describe } from 'vitest';
import { pubSubContract } from '../contract.ts';
import { createMemoryPubSub } from './memory-pubsub.ts';

describe('in-process pub/sub', () => {
  pubSubContract(async () => {
    const pubsub = createMemoryPubSub();
    // in one process every part shares the same bus
    return { pubsub, second: pubsub, cleanup: () => pubsub.close() };
  });
});
