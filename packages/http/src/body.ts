import express, { type Request, type RequestHandler } from 'express';
import { FORM_NESTING, type MultipartLimits, type UploadedFile, readMultipart } from './multipart.ts';

/** Files a multipart request may carry, and their size limit (Mastodon's image limit). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** JSON, form and plain multipart bodies: far above any real Mastodon request. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A route that takes files. Its multipart body is left unread by `mastodonBody` and read
 * by `uploads(route)`, placed after the route's authentication, so that nobody can make
 * the server buffer files without a token that may upload them.
 */
export interface UploadRoute {
  method: 'POST' | 'PUT' | 'PATCH';
  /** Express-style path; `:name` segments match one path segment. */
  path: string;
  fileFields: readonly string[];
  maxFileBytes?: number;
}

const FIELDS_ONLY: MultipartLimits = { fileFields: [], maxFileBytes: 0, maxFields: 200, maxFieldBytes: 512 * 1024, maxTotalBytes: MAX_BODY_BYTES };

function limitsOf(route: UploadRoute): MultipartLimits {
  const maxFileBytes = route.maxFileBytes ?? MAX_UPLOAD_BYTES;
  return { ...FIELDS_ONLY, fileFields: route.fileFields, maxFileBytes, maxTotalBytes: MAX_BODY_BYTES + maxFileBytes * route.fileFields.length };
}

function matcher(route: UploadRoute): (req: Request) => boolean {
  const pattern = new RegExp(`^${route.path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`, 'i'); // Express matches paths case-insensitively too
  return (req) => req.method === route.method && pattern.test(req.path);
}

const uploadsByRequest = new WeakMap<Request, UploadedFile[]>();

async function parseMultipart(req: Request, limits: MultipartLimits) {
  const { body, files } = await readMultipart(req, limits);
  req.body = body;
  uploadsByRequest.set(req, files);
}

/**
 * One body parser for the whole API, because Mastodon clients send JSON, HTML-form and
 * multipart bodies to the same routes. Form fields in bracket syntax
 * (`fields_attributes[0][name]`) become nested objects either way. Multipart bodies carry
 * fields only, except on the `uploadRoutes`, which read theirs with `uploads()`.
 */
export function mastodonBody(uploadRoutes: readonly UploadRoute[] = []): RequestHandler[] {
  const takesFiles = uploadRoutes.map(matcher);
  return [
    express.json({ limit: MAX_BODY_BYTES }),
    express.urlencoded({ extended: true, limit: MAX_BODY_BYTES, parameterLimit: FORM_NESTING.parameterLimit }),
    async (req, _res, next) => {
      if (!req.is('multipart/form-data') || takesFiles.some((matches) => matches(req))) return next();
      await parseMultipart(req, FIELDS_ONLY);
      next();
    },
  ];
}

/** Reads the multipart body of an upload route: put it after the route's authentication. */
export function uploads(route: UploadRoute): RequestHandler {
  const limits = limitsOf(route);
  return async (req, _res, next) => {
    if (req.is('multipart/form-data')) await parseMultipart(req, limits);
    next();
  };
}

/** The uploaded file of one form field, if any. */
export function uploadedFile(req: Request, field: string): UploadedFile | undefined {
  return uploadsByRequest.get(req)?.find((file) => file.fieldname === field);
}
