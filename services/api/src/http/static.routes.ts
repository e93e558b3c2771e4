import { type Response, Router } from 'express';
import { solidPng } from '@strata/http';

/** Pictures every Mastodon server serves at fixed paths: stand-ins for missing avatars and headers. */
export function staticRoutes(): Router {
  const router = Router();
  const avatar = solidPng(120, 120, [0x9b, 0xa3, 0xaf]);
  const header = solidPng(300, 100, [0x5b, 0x63, 0x70]);
  const thumbnail = solidPng(400, 210, [0x2b, 0x90, 0xd9]);
  const sendPng = (png: Buffer) => (_req: unknown, res: Response) => {
    res.type('image/png').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(png);
  };
  router.get('/avatars/original/missing.png', sendPng(avatar));
  router.get('/headers/original/missing.png', sendPng(header));
  router.get('/media/instance/thumbnail.png', sendPng(thumbnail));
  return router;
}
