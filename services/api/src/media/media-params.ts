import { ValidationError } from '@strata/kernel';
import { z } from 'zod';

/** "x,y" with both in [-1, 1], as Mastodon's focal points. */
export const focusParam = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'must be two numbers "x,y"')
  .transform((value) => {
    const [x, y] = value.split(',').map(Number) as [number, number];
    return { x, y };
  })
  .refine(({ x, y }) => Math.abs(x) <= 1 && Math.abs(y) <= 1, 'must be between -1.0 and 1.0');

export const mediaParams = z.object({
  description: z.string().optional(),
  focus: focusParam.or(z.literal('').transform(() => null)).optional(),
});

export const mediaId = z.string().regex(/^\d{1,20}$/);

/** Mastodon answers a too long description with 422, as a validation of the attachment. */
export function checkDescription(description: string | null | undefined, limit: number) {
  if (description && [...description].length > limit) throw new ValidationError(`Validation failed: Description is too long (maximum is ${limit} characters)`);
}
