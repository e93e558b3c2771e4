import type { Request } from 'express';
import type { z } from 'zod';
import { BadRequestError } from '@strata/kernel';
import { describeZodError } from './errors.ts';

/** Parses query or body parameters with a zod schema; a mismatch is Mastodon's 400. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new BadRequestError(describeZodError(result.error));
  return result.data;
}

export const query = <Schema extends z.ZodType>(req: Request, schema: Schema) => parseParams(schema, req.query);
export const body = <Schema extends z.ZodType>(req: Request, schema: Schema) => parseParams(schema, req.body);
