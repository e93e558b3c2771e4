import { z } from 'zod';
import type { StrataConfig } from '@strata/config';
import type { PollFields } from '@strata/contracts';
import { type SnowflakeGenerator, ValidationError } from '@strata/kernel';
import { formBoolean } from '../accounts/params.ts';

const list = (item: z.ZodType<string>) => z.union([item, z.array(item).max(100)]).transform((v) => (Array.isArray(v) ? v : [v]));
const integer = z.union([z.number().int(), z.string().regex(/^-?\d{1,12}$/).transform(Number)]);

/** `poll` on post and edit, as JSON or `poll[options][]` form fields; the limits are checked by `checkPoll` (422). */
export const pollParam = z.object({
  options: list(z.string().max(10_000)),
  expires_in: integer,
  multiple: formBoolean.optional(),
  hide_totals: formBoolean.optional(),
});
export type PollParam = z.infer<typeof pollParam>;

export const voteParams = z.object({ choices: z.union([integer, z.array(integer).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])) });

const refuse = (field: string, description: string) =>
  new ValidationError(`Validation failed: Poll ${field} ${description}`, { [`poll.${field.replace(' ', '_')}`]: [{ error: 'ERR_INVALID', description }] });

/** Mastodon's poll rules: 2 to N distinct, non-blank options of limited length, open 5 minutes to a month. */
export function checkPoll(config: StrataConfig, param: PollParam): { options: string[]; expiresIn: number; multiple: boolean; hideTotals: boolean } {
  const limits = config.instance.polls;
  const options = param.options.map((option) => option.trim());
  if (options.length < 2) throw refuse('options', 'must have more than one item');
  if (options.length > limits.maxOptions) throw refuse('options', `can't contain more than ${limits.maxOptions} items`);
  if (options.some((option) => option === '')) throw refuse('options', "can't be blank");
  if (options.some((option) => [...option].length > limits.maxCharactersPerOption)) throw refuse('options', `cannot be longer than ${limits.maxCharactersPerOption} characters each`);
  if (new Set(options).size !== options.length) throw refuse('options', 'contain duplicate items');
  if (param.expires_in < limits.minExpiration) throw refuse('expires at', 'is too soon');
  if (param.expires_in > limits.maxExpiration) throw refuse('expires at', 'is too far into the future');
  return { options, expiresIn: param.expires_in, multiple: param.multiple ?? false, hideTotals: param.hide_totals ?? false };
}

/**
 * The poll fields of a post or an edit. An edit keeps the poll's id (and its votes) unless
 * the options or `multiple` change, as Mastodon resets votes then; the end moves either way.
 */
export function pollFields(checked: ReturnType<typeof checkPoll>, now: Date, ids: SnowflakeGenerator, previous?: { id: string; options: string[]; multiple: boolean } | null): PollFields {
  const same = previous && previous.multiple === checked.multiple && previous.options.join('\n') === checked.options.join('\n');
  return {
    pollId: same ? previous.id : ids.next(now.getTime()),
    expiresAt: new Date(now.getTime() + checked.expiresIn * 1000).toISOString(),
    multiple: checked.multiple,
    hideTotals: checked.hideTotals,
  };
}
