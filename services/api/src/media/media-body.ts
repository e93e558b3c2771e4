import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { ValidationError } from '@strata/kernel';
import type { StrataConfig } from '@strata/config';

const UPLOADS = join(tmpdir(), 'strata-uploads');

/** The files of a media request, on disk under random names (never the client's). */
export interface MediaFiles {
  file?: Express.Multer.File;
  thumbnail?: Express.Multer.File;
}

export function mediaFilesOf(req: Request): MediaFiles {
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>;
  return { file: files['file']?.[0], thumbnail: files['thumbnail']?.[0] };
}

/**
 * The body parser of the media routes, run after authentication: JSON, form or
 * multipart with at most `file` and `thumbnail`, streamed to temporary files within
 * the configured size limit. The temporary files are removed when the response ends.
 */
export function mediaBody(config: StrataConfig): RequestHandler[] {
  const { imageSizeLimit, videoSizeLimit } = config.media.limits;
  const upload = multer({
    dest: UPLOADS,
    limits: { fileSize: Math.max(imageSizeLimit, videoSizeLimit), files: 2, fields: 10, parts: 12, fieldSize: 16 * 1024 },
  }).fields([
    { name: 'file', maxCount: 1 },
    { name: 'thumbnail', maxCount: 1 },
  ]);
  return [
    express.json({ limit: '64kb' }),
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 }),
    (req, res, next) => {
      res.on('close', () => void removeUploads(req));
      if (!req.is('multipart/form-data')) return next();
      upload(req, res, (error: unknown) => {
        if (error instanceof multer.MulterError) {
          void removeUploads(req);
          const message = error.code === 'LIMIT_FILE_SIZE' ? 'File is too large' : `Validation failed: ${error.message}`;
          return next(error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_UNEXPECTED_FILE' ? new ValidationError(message) : Object.assign(new Error(message), { status: 400 }));
        }
        if (!error) return next();
        // whatever else the parser refuses (no or wrong boundary, a body cut short) is the client's malformed body
        void removeUploads(req);
        next(Object.assign(new Error('Validation failed: malformed multipart body'), { status: 400 }));
      });
    },
  ];
}

async function removeUploads(req: Request) {
  const { file, thumbnail } = mediaFilesOf(req);
  for (const uploaded of [file, thumbnail]) if (uploaded?.path) await rm(uploaded.path, { force: true });
}
