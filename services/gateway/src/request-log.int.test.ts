import { Writable } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@strata/logging';
import { requestLog } from './request-log.ts';

/** A server with an answered and a failing route, logging into `lines`, on a free port. */
async function serve(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = express();
  app.use(requestLog(createLogger({ level, destination })));
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/broken', (_req, res) => void res.status(502).json({ error: 'upstream' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const get = async (path: string) => {
    // the line is written (synchronously) when the response is handed over, before the client reads it
    await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: 'Bearer secret-token' } })).text();
  };
  return { lines, get, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the request log', () => {
  it('logs every answered request at info, without its secrets', async () => {
    const server = await serve('info');
    await server.get('/ok');
    await server.get('/broken');
    await server.close();
    expect(server.lines.map((l) => [l['msg'], (l['res'] as { statusCode: number }).statusCode])).toEqual([
      ['request completed', 200],
      ['request errored', 502],
    ]);
    expect(JSON.stringify(server.lines)).not.toContain('secret-token');
  });

  it('above info, logs only the failures', async () => {
    const server = await serve('warn');
    await server.get('/ok');
    await server.get('/broken');
    await server.close();
    expect(server.lines).toHaveLength(1);
    expect(server.lines[0]).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 502 }, req: { method: 'GET', url: '/broken' } });
    expect(JSON.stringify(server.lines)).not.toContain('secret-token');
  });
});
