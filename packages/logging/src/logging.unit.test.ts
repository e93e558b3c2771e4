import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withTrace } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('stamps every line with the trace ids of the work in hand', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    withTrace({ requestId: 'r1', correlationId: 'c1', causationId: 'e1' }, () => logger.info('inside'));
    logger.info('outside');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'r1', correlationId: 'c1', causationId: 'e1' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('never writes secrets', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    logger.info({ password: 'hunter2', body: { access_token: 'tok' } }, 'login');
    await new Promise((r) => setImmediate(r));
    expect(JSON.stringify(lines[0])).not.toContain('hunter2');
    expect(JSON.stringify(lines[0])).not.toContain('tok"');
  });
});
