import type { FieldCondition, Filter, Scalar } from '../port.ts';

export type SqlValue = string | number | bigint | null;

/** How one collection's fields become SQL expressions. */
export interface FieldShapes {
  numeric: ReadonlySet<string>;
  arrays: ReadonlySet<string>;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkField(field: string): string {
  if (!FIELD.test(field)) throw new Error(`invalid read-model field name: ${JSON.stringify(field)}`);
  return field;
}

/** The SQL expression of a top-level field; decimal-id fields become integers so they sort as numbers. */
export function fieldExpression(field: string, shapes: FieldShapes, alias = ''): string {
  if (field === 'id') return `${alias}id`;
  checkField(field);
  const raw = `json_extract(${alias}doc, '$.${field}')`;
  return shapes.numeric.has(field) ? `CAST(${raw} AS INTEGER)` : raw;
}

export function bindable(value: Scalar | undefined, numeric: boolean): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (numeric && typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  return value;
}

/** Translates a filter into a WHERE clause with bound parameters only: values never enter the SQL text. */
export function whereClause(filter: Filter | undefined, shapes: FieldShapes, alias = ''): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [field, condition] of Object.entries(filter ?? {})) {
    const compiled = conditionSql(field, condition, shapes, alias);
    parts.push(compiled.sql);
    params.push(...compiled.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

function conditionSql(
  field: string,
  condition: FieldCondition,
  shapes: FieldShapes,
  alias: string,
): { sql: string; params: SqlValue[] } {
  const operators = isOperatorObject(condition) ? condition : { $eq: condition as Scalar };
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const idField = field === 'id';
  const numeric = idField || shapes.numeric.has(field);
  const expr = fieldExpression(field, shapes, alias);
  // ids compare as (length, text): numeric order for decimal ids, still a total order for others
  const compare = (op: string, value: Scalar) => {
    if (idField) {
      parts.push(`(length(${alias}id), ${alias}id) ${op} (length(?), ?)`);
      params.push(String(value), String(value));
    } else {
      parts.push(`${expr} ${op} ?`);
      params.push(bindable(value, numeric));
    }
  };
  const anyOf = (values: Scalar[]) => {
    const present = values.filter((v) => v !== null);
    const clauses: string[] = [];
    if (present.length === 1 && values.length === 1 && !shapes.arrays.has(field)) {
      // plain equality, so the planner can also use the index for the order that follows
      params.push(bindable(present[0]!, numeric && !idField));
      return `${expr} = ?`;
    }
    if (present.length) {
      const marks = present.map(() => '?').join(', ');
      const bound = present.map((v) => bindable(v, numeric && !idField));
      if (shapes.arrays.has(field)) {
        clauses.push(`EXISTS (SELECT 1 FROM json_each(${alias}doc, '$.${field}') WHERE value IN (${marks}))`);
      } else {
        clauses.push(`${expr} IN (${marks})`);
      }
      params.push(...bound);
    }
    if (present.length !== values.length) clauses.push(`${expr} IS NULL`);
    return clauses.length ? `(${clauses.join(' OR ')})` : '0';
  };
  for (const [op, value] of Object.entries(operators)) {
    switch (op) {
      case '$eq':
        parts.push(anyOf([value as Scalar]));
        break;
      case '$ne':
        parts.push(`NOT COALESCE(${anyOf([value as Scalar])}, 0)`);
        break;
      case '$in':
        parts.push(anyOf(value as Scalar[]));
        break;
      case '$nin':
        parts.push(`NOT COALESCE(${anyOf(value as Scalar[])}, 0)`);
        break;
      case '$gt':
        compare('>', value as Scalar);
        break;
      case '$gte':
        compare('>=', value as Scalar);
        break;
      case '$lt':
        compare('<', value as Scalar);
        break;
      case '$lte':
        compare('<=', value as Scalar);
        break;
      case '$exists':
        parts.push(idField ? (value ? '1' : '0') : `json_type(${alias}doc, '$.${field}') IS ${value ? 'NOT NULL' : 'NULL'}`);
        break;
      default:
        throw new Error(`unsupported read-model operator ${op}`);
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

function isOperatorObject(condition: FieldCondition): condition is Exclude<FieldCondition, Scalar> {
  return typeof condition === 'object' && condition !== null && !Array.isArray(condition);
}

/** ORDER BY for one field, id breaking ties so pages never overlap. */
export function orderClause(sort: { field: string; direction: 'asc' | 'desc' } | undefined, shapes: FieldShapes): string {
  if (!sort) return 'ORDER BY length(id), id';
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  if (sort.field === 'id') return `ORDER BY length(id) ${dir}, id ${dir}`;
  return `ORDER BY ${fieldExpression(sort.field, shapes)} ${dir}, length(id) ${dir}, id ${dir}`;
}
