import { type Request, type Response, Router } from 'express';
import type { Vault } from '@strata/auth';
import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { authenticate } from './auth.ts';
import { watchCaller } from './connection.ts';
import { ClientSubscriptions } from './subscriptions.ts';
import { StreamError } from './streams.ts';

const HEARTBEAT_MS = 15_000;
/** SSE paths and the stream each one is. */
const PATHS: Record<string, string> = {
  user: 'user',
  'user/notification': 'user:notification',
  public: 'public',
  'public/media': 'public:media',
  'public/local': 'public:local',
  'public/local/media': 'public:local:media',
  'public/remote': 'public:remote',
  'public/remote/media': 'public:remote:media',
  hashtag: 'hashtag',
  'hashtag/local': 'hashtag:local',
  list: 'list',
  direct: 'direct',
};

/** The streaming API as Server-Sent Events: one stream per request, `:)` first, a comment as heartbeat. */
export function sseRoutes(deps: {
  presenters: PresenterDeps;
  freshReadModels: () => Promise<ReadModelStore>;
  vault(): Promise<Vault>;
  pubsub: PubSub;
  logger: Logger;
}): Router {
  const router = Router();
  for (const [path, stream] of Object.entries(PATHS)) {
    // a failure before the stream opens is answered in Mastodon's shape; after, the connection is let go
    router.get(`/api/v1/streaming/${path}`, (req, res, next) => void serve(req, res, stream).catch(next));
  }

  async function serve(req: Request, res: Response, name: string) {
    // the client may reset the connection at any point: that ends this stream and nothing else
    res.on('error', (error) => deps.logger.debug({ err: error }, 'a Server-Sent Events stream failed'));
    const gone = () => res.destroyed || res.writableEnded;
    const caller = await authenticate(req, await deps.vault());
    if (gone()) return;
    if (caller === 'invalid') return void res.status(401).set('X-Error-Message', 'Invalid access token').json({ error: 'Invalid access token' });
    const write = (text: string) => {
      if (gone()) return;
      // a reader this far behind is let go rather than buffered without end
      if (res.writableLength > 4 * 1024 * 1024) return void res.destroy();
      res.write(text);
    };
    const subscriptions = new ClientSubscriptions({
      pubsub: deps.pubsub,
      deps: deps.presenters,
      viewer: caller,
      logger: deps.logger,
      send: (_stream, outgoing) => write(`event: ${outgoing.event}\ndata: ${outgoing.payload ?? ''}\n\n`),
      freshReadModels: deps.freshReadModels,
      onOverflow: () => res.destroy(),
    });
    const heartbeat = setInterval(() => res.headersSent && write(':thump\n'), HEARTBEAT_MS);
    const watches = watchCaller(deps.pubsub, caller, () => res.end(), () => res.end());
    // in place before the first await below: a client gone while the stream is set up still ends it
    res.on('close', () => {
      clearInterval(heartbeat);
      void subscriptions.close();
      void watches.then((stop) => stop());
    });
    try {
      const tag = typeof req.query['tag'] === 'string' ? req.query['tag'] : undefined;
      const list = typeof req.query['list'] === 'string' ? req.query['list'] : undefined;
      await subscriptions.subscribe({ stream: name, tag, list });
    } catch (error) {
      if (gone()) return;
      // a failure of ours goes to the error handler: logged, answered 500 without details
      if (!(error instanceof StreamError)) throw error;
      return void res.status(error.status).set('X-Error-Message', error.message).json({ error: error.message });
    }
    if (gone()) return;
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'Transfer-Encoding': 'chunked', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    write(':)\n');
  }
  return router;
}
