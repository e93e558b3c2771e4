import type { Document, Sort } from 'mongodb';
import type { Filter, FindOptions, Scalar } from '../port.ts';

/**
 * Decimal-id fields get a shadow copy, zero-padded to 20 digits, so that MongoDB's
 * string order is their numeric order; ranges and sorts use the shadow, equality the
 * field itself. `id` lives in `_id`, its shadow in `__n_id`.
 */
export const shadowOf = (field: string) => `__n_${field}`;

export function padId(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,20}$/.test(value) ? value.padStart(20, '0') : value;
}

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function toMongoFilter(filter: Filter | undefined, numeric: ReadonlySet<string>): Document {
  const out: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (!FIELD.test(field)) throw new Error(`invalid read-model field name: ${JSON.stringify(field)}`);
    const stored = field === 'id' ? '_id' : field;
    const isNumeric = field === 'id' || numeric.has(field);
    if (typeof condition !== 'object' || condition === null) {
      out[stored] = condition;
      continue;
    }
    const plain: Record<string, unknown> = {};
    const ranged: Record<string, unknown> = {};
    for (const [op, value] of Object.entries(condition)) {
      if (RANGE.has(op) && isNumeric) ranged[op] = padId(value);
      else plain[op] = value as Scalar;
    }
    if (Object.keys(plain).length) and.push({ [stored]: plain });
    if (Object.keys(ranged).length) and.push({ [shadowOf(field)]: ranged });
  }
  return and.length ? { ...out, $and: and } : out;
}

export function toMongoSort(sort: FindOptions['sort'], numeric: ReadonlySet<string>): Sort {
  const direction = sort?.direction === 'desc' ? -1 : 1;
  if (!sort || sort.field === 'id') return { [shadowOf('id')]: direction };
  const field = numeric.has(sort.field) ? shadowOf(sort.field) : sort.field;
  return { [field]: direction, [shadowOf('id')]: direction };
}
