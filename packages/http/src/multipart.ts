import type { Request } from 'express';
import busboy from 'busboy';
import qs from 'qs';
import { BadRequestError, StrataError, ValidationError } from '@strata/kernel';

/** A file taken from a multipart body, held in memory (only on routes that take files). */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  buffer: Buffer;
  size: number;
}

export interface MultipartLimits {
  /** Form fields that may carry a file; a file anywhere else is refused. None: no files at all. */
  fileFields: readonly string[];
  maxFileBytes: number;
  maxFields: number;
  maxFieldBytes: number;
  /** The whole body, files included. */
  maxTotalBytes: number;
}

export class PayloadTooLargeError extends StrataError {
  readonly status = 413;
}

/** The same nesting rules as HTML forms (`fields_attributes[0][name]`), with the same bounds. */
export const FORM_NESTING = { depth: 5, arrayLimit: 20, parameterLimit: 1000 } as const;

/**
 * Reads a multipart body within `limits`: fields become a nested object (parsed like a
 * urlencoded form, so sparse indexes like `a[999999999]` never make a huge array), files
 * of the allowed fields are buffered. A broken body (no boundary, truncated part) is a 400,
 * not a crash; on any refusal the rest of the body is drained before answering, so the
 * client gets to read the answer.
 */
export function readMultipart(req: Request, limits: MultipartLimits): Promise<{ body: Record<string, unknown>; files: UploadedFile[] }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.header('content-length'));
    if (declared > limits.maxTotalBytes) return reject(new PayloadTooLargeError('Request body is too large'));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fieldSize: limits.maxFieldBytes + 1,
          fields: limits.maxFields,
          files: limits.fileFields.length ? limits.fileFields.length : 0,
          fileSize: limits.maxFileBytes + 1,
          parts: limits.maxFields + limits.fileFields.length,
        },
      });
    } catch (error) {
      return reject(new BadRequestError(`Malformed multipart body: ${(error as Error).message}`));
    }
    const fields: [string, string][] = [];
    const files: UploadedFile[] = [];
    let received = 0;
    let settled = false;
    let pendingFiles = 0;
    let parsed = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.off('data', count);
      parser.removeAllListeners();
      parser.on('error', () => {});
      if (req.readableEnded || req.destroyed) return reject(error);
      req.once('end', () => reject(error)).once('close', () => reject(error));
      req.resume();
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxTotalBytes) fail(new PayloadTooLargeError('Request body is too large'));
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new ValidationError(`Validation failed: ${name} is too long`));
      fields.push([name, value]);
    });
    parser.on('file', (name, stream, info) => {
      if (!limits.fileFields.includes(name)) {
        stream.resume();
        return fail(new ValidationError(`Validation failed: ${name} cannot be a file here`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      pendingFiles++;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxFileBytes) return fail(new ValidationError(`Validation failed: ${name} must be at most ${limits.maxFileBytes} bytes`));
        chunks.push(chunk);
      });
      stream.on('end', () => {
        pendingFiles--;
        files.push({ fieldname: name, originalname: info.filename ?? '', mimetype: info.mimeType, buffer: Buffer.concat(chunks), size });
        finish();
      });
    });
    parser.on('fieldsLimit', () => fail(new ValidationError('Validation failed: too many fields')));
    parser.on('filesLimit', () => fail(new ValidationError(limits.fileFields.length ? 'Validation failed: too many files' : 'Validation failed: this request takes no files')));
    parser.on('partsLimit', () => fail(new ValidationError('Validation failed: too many parts')));
    parser.on('error', (error: Error) => fail(new BadRequestError(`Malformed multipart body: ${error.message}`)));
    parser.on('close', () => {
      parsed = true;
      finish();
    });
    function finish() {
      if (settled || !parsed || pendingFiles > 0) return;
      settled = true;
      req.off('data', count);
      const encoded = new URLSearchParams(fields).toString();
      resolve({ body: qs.parse(encoded, { ...FORM_NESTING, allowPrototypes: false }) as Record<string, unknown>, files });
    }
    req.on('data', count);
    req.pipe(parser);
  });
}
