import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enteredByPath } from './entered-by-path.ts';

describe('enteredByPath', () => {
  const entered: string[] = [];
  let base = '';
  let close: () => void;

  beforeAll(async () => {
    const routes = Router();
    routes.get('/api/v1/things/:id/parts', (req, res) => void res.json({ router: 'things', id: req.params.id }));
    routes.get('/api/v1/other', (_req, res) => void res.json({ router: 'things' }));
    const withMiddleware = Router();
    withMiddleware.use((req, _res, next) => {
      entered.push(req.path);
      next();
    });
    const app = express();
    app.use(enteredByPath(routes));
    app.use(enteredByPath(withMiddleware));
    app.use((_req, res) => void res.status(404).json({ router: 'none' }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<Record<string, string>>;

  it('answers what the router answers, its parameters and any case included', async () => {
    expect(await get('/api/v1/things/7/parts')).toEqual({ router: 'things', id: '7' });
    expect(await get('/API/v1/Things/8/parts')).toEqual({ router: 'things', id: '8' });
    expect(await get('/api/v1/other/')).toEqual({ router: 'things' });
  });

  it('passes other paths on, and always enters a router with middleware of its own', async () => {
    expect(await get('/api/v1/elsewhere')).toEqual({ router: 'none' });
    expect(entered).toContain('/api/v1/elsewhere');
  });
});
