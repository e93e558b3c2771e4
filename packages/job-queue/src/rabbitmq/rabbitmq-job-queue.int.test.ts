import { describe } from 'vitest';
import { uniqueName } from '@strata/testkit';
import { jobQueueContract } from '../contract.ts';
import { connectRabbitJobQueue } from './rabbitmq-job-queue.ts';

const url = process.env['STRATA_TEST_RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

describe(`RabbitMQ job queue (${url.replace(/\/\/.*@/, '//')})`, () => {
  jobQueueContract(async () => {
    const queue = await connectRabbitJobQueue({ url, prefix: uniqueName('strata-test') });
    return {
      queue,
      cleanup: async () => {
        // nothing a test declared is left on the broker
        await queue.deleteDeclaredQueues();
        await queue.close();
      },
    };
  });
});
