import {
  expectString,
  type Column,
  type FieldDef,
  type FilterOperator,
  type Path,
  quote,
  specOf,
  valueToSql,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { parseRelativeRange, relativeBounds, type Reader } from '@crm/contracts';
import { columnsOf, operatorsOf } from './fields.js';
import { andSql, escapeLike, placeholder, sql, type Sql } from './sql.js';

/**
 * One field operator (`{gte: 100}`) as a predicate on the field's own column, compared
 * with a typed parameter so b-tree indexes apply. Operands are validated and coerced
 * by the field-type registry, like written values.
 */

const maxListOperands = 1_000;

/** Filter operands are not rounded: `gt: 0.005` must not become `gt: 0.01`. */
function operandField(field: FieldDef): FieldDef {
  const { precision: _precision, ...options } = field.options;
  return { ...field, options };
}

/** A comparison operand's SQL value, and the equalities it implies on the field's other columns. */
function comparand(
  field: FieldDef,
  operand: unknown,
  path: Path,
): { value: unknown; also: [Column, unknown][] } {
  const custom = specOf(field.type).comparand;
  if (custom) return custom(operand, operandField(field), path);
  const [value] = valueToSql(operandField(field), operand, path);
  if (value === null || value === undefined) throw new BadInput(path, `${path.at(-1)}: needs a value.`);
  return { value, also: [] };
}

function scalarOperand(field: FieldDef, operand: unknown, path: Path): unknown {
  return comparand(field, operand, path).value;
}

function listOperand(field: FieldDef, operand: unknown, path: Path): unknown[] {
  if (!Array.isArray(operand)) throw new BadInput(path, `${path.at(-1)}: must be a list.`);
  if (operand.length > maxListOperands)
    throw new BadInput(path, `${path.at(-1)}: at most ${maxListOperands} values.`);
  return operand.map((item, i) => scalarOperand(field, item, [...path, String(i)]));
}

function isEmptySql(field: FieldDef, column: string, operand: unknown, path: Path): Sql {
  if (typeof operand !== 'boolean') throw new BadInput(path, 'isEmpty: must be true or false.');
  const blank = specOf(field.type).blank?.sql;
  if (operand) return sql(blank ? `(${column} is null or ${column} = ${blank})` : `${column} is null`);
  return sql(blank ? `(${column} is not null and ${column} <> ${blank})` : `${column} is not null`);
}

function textPattern(operand: unknown, path: Path, prefixOnly: boolean): string {
  const text = expectString(operand, path, 1_000);
  return `${prefixOnly ? '' : '%'}${escapeLike(text)}%`;
}

/** A list value compared as a set: has all (contains), some (in) or none (notIn) of the operand. */
function listSql(
  field: FieldDef,
  column: string,
  type: string,
  op: FilterOperator,
  operand: unknown,
  path: Path,
): Sql {
  const [keys] = valueToSql(field, operand, path);
  if (op === 'contains') return sql(`${column} @> ?::${type}`, keys ?? []);
  if (op === 'in') return sql(`${column} && ?::${type}`, keys ?? []);
  return sql(`(${column} is null or not (${column} && ?::${type}))`, keys ?? []);
}

const comparison: Partial<Record<FilterOperator, string>> = {
  eq: '=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

function readerFor(reader: Reader | undefined, path: Path): Reader {
  if (!reader) throw new BadInput(path, `${path.at(-1)}: relative values are not available here.`);
  return reader;
}

/** `isMe: true` is the reader's user; `false` anyone else or nobody, as `neq` keeps empty values. */
function isMeSql(column: string, operand: unknown, reader: Reader | undefined, path: Path): Sql {
  if (typeof operand !== 'boolean') throw new BadInput(path, 'isMe: must be true or false.');
  const { userId } = readerFor(reader, path);
  if (operand) return userId ? sql(`${column} = ?::uuid`, userId) : sql('false');
  return userId ? sql(`(${column} <> ?::uuid or ${column} is null)`, userId) : sql('true');
}

/** `within: {period: TODAY}`: the half-open range of the period, as dates or instants. */
function withinSql(
  column: string,
  type: string,
  operand: unknown,
  reader: Reader | undefined,
  path: Path,
): Sql {
  const parsed = parseRelativeRange(operand);
  if ('problem' in parsed)
    throw new BadInput(parsed.at ? [...path, parsed.at] : path, `within: ${parsed.problem}`);
  const bounds = relativeBounds(parsed.range, readerFor(reader, path));
  const { from, before } = type === 'date' ? bounds.dates : bounds.instants;
  if (from === null) return sql(`${column} < ?::${type}`, before);
  if (before === null) return sql(`${column} >= ?::${type}`, from);
  return sql(`${column} >= ?::${type} and ${column} < ?::${type}`, from, before);
}

/**
 * A predicate on `alias`'s column(s) of `field`. Equality with null (or blank text) is `isEmpty`;
 * `neq` and `notIn` keep empty values, as people expect of "is not".
 */
export function compileOperator(
  field: FieldDef,
  alias: string,
  op: string,
  operand: unknown,
  path: Path,
  reader?: Reader,
): Sql {
  const operators = operatorsOf(field);
  if (!operators.includes(op as FilterOperator)) {
    throw new BadInput(path, `“${field.key}” cannot be filtered with “${op}”; use ${operators.join(', ')}.`);
  }
  const main = columnsOf(field)[0] ?? { name: field.column ?? 'id', sqlType: 'uuid' };
  const column = `${alias}.${quote(main.name)}`;
  const type = main.sqlType;
  if (op === 'isEmpty') return isEmptySql(field, column, operand, path);
  if (op === 'isMe') return isMeSql(column, operand, reader, path);
  if (op === 'within') return withinSql(column, type, operand, reader, path);
  if (op === 'currency') {
    const code = columnsOf(field)[1];
    if (typeof operand !== 'string' || !/^[A-Z]{3}$/.test(operand) || !code)
      throw new BadInput(path, 'currency: an ISO 4217 code such as "EUR".');
    return sql(`(${column} is not null and ${alias}.${quote(code.name)} = ?::char(3))`, operand);
  }
  // Blank text is stored as no value, so `eq: ""` asks for empty values, like `eq: null`.
  const spec = specOf(field.type);
  const blank = operand === null || (operand !== undefined && operand === spec.blank?.value);
  if (blank && (op === 'eq' || op === 'neq')) return isEmptySql(field, column, op === 'eq', path);
  if (spec.listValued) return listSql(field, column, type, op as FilterOperator, operand, path);
  if (op === 'contains' || op === 'startsWith') {
    return sql(`${column} ilike ? escape '\\'`, textPattern(operand, path, op === 'startsWith'));
  }
  if (op === 'in' || op === 'notIn') {
    const values = listOperand(field, operand, path);
    return op === 'in'
      ? sql(`${column} = any(?::${type}[])`, values)
      : sql(`(${column} <> all(?::${type}[]) or ${column} is null)`, values);
  }
  const { value, also } = comparand(field, operand, path);
  const others = also.map(([other, v]) => sql(`${alias}.${quote(other.name)} = ?::${other.sqlType}`, v));
  if (op === 'neq') {
    return andSql([sql(`(${column} <> ${placeholder(type)} or ${column} is null)`, value), ...others]);
  }
  return andSql([
    sql(`${column} ${comparison[op as FilterOperator]} ${placeholder(type)}`, value),
    ...others,
  ]);
}
