import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Federation } from '@fedify/fedify';
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';

export interface FederationMiddlewareOptions {
  /** Path Fedify should see instead of the one requested (an alias of one of its routes). */
  pathOf?: (req: ExpressRequest) => string;
  /** Bytes a request body may have (inbox POSTs); larger ones get 413 before Fedify reads them. */
  maxBodyBytes?: number;
  /** Answers a request with a body before Fedify does (refusals by policy), or lets it through with undefined. */
  screen?: (request: Request, body: Buffer) => Promise<Response | undefined>;
}

/**
 * Express 5 in front of Fedify: the incoming request becomes a web `Request`, Fedify
 * answers what is its own (actors, inboxes, WebFinger, NodeInfo...) and hands anything
 * else (unknown paths, HTML wanted) to the next Express handler. Mount it before any
 * body parser: Fedify reads the raw body to check its digest and signature.
 */
export function federationMiddleware<Data>(
  federation: Federation<Data>,
  contextData: (req: ExpressRequest) => Data | Promise<Data>,
  options: FederationMiddlewareOptions = {},
): RequestHandler {
  const { pathOf = (req: ExpressRequest) => req.originalUrl, maxBodyBytes = 1024 * 1024, screen } = options;
  return async (req, res, next) => {
    let passed = false;
    const passOn = () => {
      passed = true;
      return new Response(null, { status: 404 });
    };
    try {
      const body = req.method !== 'GET' && req.method !== 'HEAD' ? await readBody(req, maxBodyBytes) : undefined;
      if (body === null) return void res.status(413).json({ error: 'Request body too large' });
      const request = webRequestOf(req, pathOf(req), body);
      const screened = body && (await screen?.(request, body));
      if (screened) return void (await sendResponse(screened, res));
      const response = await federation.fetch(request, {
        contextData: await contextData(req),
        onNotFound: passOn,
        onNotAcceptable: passOn,
      });
      if (passed) return next();
      await sendResponse(response, res);
    } catch (error) {
      next(error);
    }
  };
}

/** The whole body, or null once it passes the limit (then the rest is left unread). */
async function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function webRequestOf(req: ExpressRequest, path: string, body: Buffer | undefined): Request {
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${path}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(url, { method: req.method, headers, ...(body && { body: new Uint8Array(body) }) });
}

async function sendResponse(response: Response, res: ExpressResponse) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.append(name, value));
  if (!response.body) return void res.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as NodeReadableStream).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}

