import express, { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { listRoutes } from './routes.ts';

describe('listRoutes', () => {
  it('lists the methods and paths of an app, of the routers in it and of routers mounted under a path', () => {
    const statuses = Router();
    statuses.get('/api/v1/statuses/:id', () => undefined);
    statuses.route('/api/v1/statuses').post(() => undefined).delete(() => undefined);
    const nested = Router();
    nested.get('/items/:id', () => undefined);
    const outer = Router();
    outer.use(statuses);
    outer.use('/api/v2', nested);
    const app = express();
    app.use((_req, _res, next) => next());
    app.use(outer);
    app.patch(['/a', '/b'], () => undefined);

    expect(listRoutes(app).map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'DELETE /api/v1/statuses',
      'GET /api/v1/statuses/:id',
      'GET /api/v2/items/:id',
      'PATCH /a',
      'PATCH /b',
      'POST /api/v1/statuses',
    ]);
    expect(listRoutes(statuses)).toHaveLength(3);
  });
});
