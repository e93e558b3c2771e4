import { z } from 'zod';
import { formBoolean } from '../accounts/params.ts';

export const FILTER_CONTEXTS = ['home', 'notifications', 'public', 'thread', 'account'] as const;
const TEN_YEARS = 10 * 365 * 24 * 3600;

export const contextParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(FILTER_CONTEXTS)).min(1).max(FILTER_CONTEXTS.length))
  .transform((v) => [...new Set(v)]);

/** Seconds from now; an empty value means "never expires" (how clients clear it). */
export const expiresInParam = z.union([z.literal(''), z.null(), z.coerce.number().int().min(1).max(TEN_YEARS)]).transform((v) => (v === '' ? null : v));

export const keywordText = z.string().trim().min(1).max(512);

const keywordAttribute = z.object({
  id: z.string().regex(/^\d{1,20}$/).optional(),
  keyword: keywordText.optional(),
  whole_word: formBoolean.optional(),
  _destroy: formBoolean.optional(),
});

/** Rails-style nested attributes: an array, or an object keyed by index (`keywords_attributes[0][keyword]`). */
export const keywordsAttributes = z
  .union([z.array(keywordAttribute), z.record(z.string(), keywordAttribute)])
  .transform((v) => (Array.isArray(v) ? v : Object.values(v)))
  .refine((v) => v.length <= 100, 'at most 100 keywords at once');

export const filterParams = z.object({
  title: z.string().trim().min(1).max(256),
  context: contextParam,
  filter_action: z.enum(['warn', 'hide', 'blur']).default('warn'),
  expires_in: expiresInParam.optional(),
  keywords_attributes: keywordsAttributes.optional(),
});
export const filterUpdateParams = filterParams.partial();

export const keywordParams = z.object({ keyword: keywordText, whole_word: formBoolean.default(false) });
export const keywordUpdateParams = keywordParams.partial();
export const filterStatusParams = z.object({ status_id: z.string().regex(/^\d{1,20}$/) });
export const idParam = z.string().regex(/^\d{1,20}$/);

export const expiresAt = (now: Date, seconds: number | null | undefined) => (seconds ? new Date(now.getTime() + seconds * 1000).toISOString() : null);

/** The `:id` of a keyword or filtered status route, once its lookup has checked it. */
export const partId = (req: { params: Record<string, unknown> }) => String(req.params['id']);
