import { z } from 'zod';

/** Booleans as clients send them: JSON true/false, or form strings "true", "1", "on". */
export const formBoolean = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off', ''])]).transform((value) =>
  typeof value === 'boolean' ? value : ['true', '1', 'on'].includes(value),
);

const field = z.object({ name: z.string().max(255).default(''), value: z.string().max(255).default('') });

/** fields_attributes arrive as an array (JSON) or as an object keyed "0".."3" (forms). */
export const fieldsAttributes = z
  .union([z.array(field), z.record(z.string(), field)])
  .transform((value) => (Array.isArray(value) ? value : Object.keys(value).sort().map((key) => value[key]!)))
  .refine((fields) => fields.length <= 4, 'at most 4 profile fields')
  .transform((fields) => fields.filter((f) => f.name.trim() || f.value.trim()));

export const updateCredentialsParams = z.object({
  display_name: z.string().max(30).optional(),
  // forms send line breaks as CRLF; the note is stored as typed, with plain newlines
  note: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, '\n'))
    .pipe(z.string().max(500))
    .optional(),
  locked: formBoolean.optional(),
  bot: formBoolean.optional(),
  discoverable: formBoolean.optional(),
  hide_collections: formBoolean.optional(),
  indexable: formBoolean.optional(),
  fields_attributes: fieldsAttributes.optional(),
  source: z
    .object({
      privacy: z.enum(['public', 'unlisted', 'private', 'direct']).optional(),
      sensitive: formBoolean.optional(),
      language: z.string().regex(/^[a-z]{2,3}$/).or(z.literal('')).optional(),
    })
    .optional(),
});

export const registerParams = z.object({
  username: z.string().default(''),
  email: z.string().default(''),
  password: z.string().default(''),
  agreement: formBoolean.default(false),
  locale: z.string().regex(/^[a-zA-Z-]{2,10}$/).default('en'),
  reason: z.string().max(500).optional(),
  date_of_birth: z.string().optional(),
});

export const searchParams = z.object({
  q: z.string().trim().min(1).max(300),
  limit: z.coerce.number().int().min(1).max(80).catch(40).default(40),
  offset: z.coerce.number().int().min(0).catch(0).default(0),
  resolve: formBoolean.optional(),
  following: formBoolean.optional(),
});
