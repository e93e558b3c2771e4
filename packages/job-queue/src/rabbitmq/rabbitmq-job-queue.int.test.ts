import { describe, expect, it } from 'vitest';
import { uniqueName } from '@strata/testkit';
import { jobQueueContract } from '../contract.ts';
import { JobQueueUnavailableError } from '../errors.ts';
import { connectRabbitJobQueue } from './rabbitmq-job-queue.ts';

// CI starts RabbitMQ; when it is not there every test fails with JobQueueUnavailableError naming the URL
const url = process.env['STRATA_TEST_RABBITMQ_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

describe(`RabbitMQ job queue (${url.replace(/\/\/[^@/]*@/, '//')})`, () => {
  jobQueueContract(async () => {
    const prefix = uniqueName('strata-test');
    const queue = await connectRabbitJobQueue({ url, prefix });
    return {
      queue,
      // another connection under the same prefix, as a restarted process would open
      reopen: () => connectRabbitJobQueue({ url, prefix }),
      cleanup: async () => {
        // nothing a test declared is left on the broker
        await queue.deleteDeclaredQueues();
        await queue.close();
      },
    };
  });

  it('fails with a clear error when RabbitMQ cannot be reached', async () => {
    const failure = await connectRabbitJobQueue({ url: 'amqp://guest:secret@127.0.0.1:1' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JobQueueUnavailableError);
    expect(String(failure)).toContain('RabbitMQ is unreachable at amqp://127.0.0.1:1');
    expect(String(failure)).not.toContain('secret');
  });
});
