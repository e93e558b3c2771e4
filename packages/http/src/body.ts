import express, { type RequestHandler } from 'express';
import multer from 'multer';

/** Files a multipart request may carry, and their size limit (Mastodon's image limit). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/**
 * One body parser for the whole API, because Mastodon clients send JSON, HTML-form and
 * multipart bodies to the same routes. Form fields in bracket syntax
 * (`fields_attributes[0][name]`) become nested objects either way; uploaded files land
 * in memory on `req.files` by field name.
 */
export function mastodonBody(): RequestHandler[] {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 4, fields: 200 },
  }).any();
  return [
    express.json({ limit: '1mb' }),
    express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 1000 }),
    (req, res, next) => {
      if (!req.is('multipart/form-data')) return next();
      upload(req, res, (error: unknown) => {
        if (error instanceof multer.MulterError) {
          const status = error.code === 'LIMIT_FILE_SIZE' ? 422 : 400;
          return next(Object.assign(new Error(`Validation failed: ${error.message}`), { status }));
        }
        next(error);
      });
    },
  ];
}

/** The uploaded file of one form field, if any. */
export function uploadedFile(req: express.Request, field: string): Express.Multer.File | undefined {
  const files = req.files as Express.Multer.File[] | undefined;
  return files?.find((file) => file.fieldname === field);
}
