import type { FilterOperator } from '@crm/contracts';
import type {
  GraphQLInputFieldConfig,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLScalarType,
} from 'graphql';
import type { Path } from '../field-values.js';
import type { PipelineInput } from '../pipeline-options.js';
import type { FieldDef, FieldOptions, SelectOption, TextFormat, VinFills } from '../model.js';

export { filterOperators, type FilterOperator } from '@crm/contracts';

export interface Column {
  name: string;
  sqlType: string;
}

export interface ChoiceInput {
  key: string;
  label: string;
  color?: string | null;
  position?: number | null;
}

/** A field's settings as the API and templates send them; each type reads its own. */
export interface OptionsInput {
  precision?: number | null;
  grouping?: boolean | null;
  defaultCurrency?: string | null;
  choices?: ChoiceInput[] | null;
  max?: number | null;
  pipelines?: PipelineInput[] | null;
  format?: TextFormat | null;
  fills?: { make?: string | null; modelYear?: string | null } | null;
}

/** A field's settings as a template file writes them. */
export interface TemplateOptions {
  precision?: number;
  grouping?: boolean;
  defaultCurrency?: string;
  choices?: Pick<SelectOption, 'key' | 'label' | 'color'>[];
  max?: number;
  format?: TextFormat;
  fills?: VinFills;
}

/** The core schema's types a field type may point at. */
export interface CoreTypes {
  user: GraphQLObjectType;
  /** FILE and IMAGE values: the files module's FileRef. */
  file: GraphQLObjectType;
  dateTime: GraphQLScalarType;
}

/**
 * A filter input shared by every field of the types naming it (`NumberFilter`); types
 * sharing a name must list the same operators, which the schema builder checks.
 */
export interface FilterShape {
  name: string;
  operand: GraphQLInputType;
  /** Operators whose operand differs from `operand` (MULTI_SELECT's lists). */
  overrides?: Partial<Record<FilterOperator, GraphQLInputFieldConfig>>;
}

export interface GraphQLShape {
  output: GraphQLOutputType;
  input: GraphQLInputType;
  filter: FilterShape;
  /** The value served for no value when `output` is non-null (MULTI_SELECT: []). */
  emptyOutput?: unknown;
}

/**
 * The one definition of a field type on the server: storage, validation and coercion,
 * filters, search, settings, type-change conversion and its GraphQL shape. Every
 * consumer (DDL, record store, query compiler, schema builder, templates) asks this.
 */
export interface FieldTypeSpec {
  /** The SQL columns holding a value (none for to-many relations). */
  columns(field: FieldDef): Column[];
  /** API value (never null here) → one SQL value per column, validated and coerced. */
  toSql(value: unknown, field: FieldDef, path: Path): unknown[];
  /** The row's values of this field's columns → API value. */
  fromSql(values: unknown[], field: FieldDef): unknown;
  /**
   * `fromSql` in SQL: the API value as jsonb (SQL NULL for null) from the expressions of the
   * field's columns, so a write can log and compare values in its own statement. Absent: the
   * store works such a value out in JavaScript.
   */
  jsonSql?(columns: readonly string[]): string;
  operators: readonly FilterOperator[];
  /** A stored value other than NULL that counts as empty: blank text, an empty list. */
  blank?: { sql: string; value: unknown };
  /** The value is a list: contains/in/notIn compare sets (@>, &&). */
  listValued?: boolean;
  /**
   * A comparison operand (eq, lt, gte, …) → the first column's SQL value, and equalities
   * it implies on other columns (CURRENCY: `{amount, currency}` also matches the currency).
   */
  comparand?(operand: unknown, field: FieldDef, path: Path): { value: unknown; also: [Column, unknown][] };
  /** Included in full-text search. */
  searchable: boolean;
  /** The searched text from the column (LONG_TEXT is cut). */
  searchText?(expression: string): string;
  /** Can carry a b-tree index, a unique constraint, a sort. */
  indexable: boolean;
  /** Offered in the GraphQL sort input (a uuid sorts meaninglessly). */
  sortable: boolean;
  /** Columns after the value in its b-tree index (STAGE reads cards in rank order). */
  indexTail?: string;
  /** The column's `references …` clause; `targetTable` is the related table, when any. */
  references?(field: FieldDef, targetTable: string | undefined): string | null;
  /** Validates the settings that matter for this type; the rest are ignored. */
  parseOptions?(input: OptionsInput, path: string[]): FieldOptions;
  /** The settings a template export writes. */
  exportOptions?(options: FieldOptions): TemplateOptions;
  /**
   * A value of `from` → a candidate value of this type, which `toSql` then accepts or
   * refuses. Absent: fields cannot change to or from this type.
   */
  convert?(value: unknown, text: string, from: FieldDef, to: FieldDef): unknown;
  /** A value as text for another type's `convert`; default: ISO dates, lists joined by commas. */
  toText?(value: unknown): string;
  /** How values appear in the generated records schema; absent for RELATION, built per target. */
  graphql?(core: CoreTypes): GraphQLShape;
}

export const textOperators = ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty'] as const;
export const rangeOperators = ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isEmpty'] as const;
export const choiceOperators = ['eq', 'neq', 'in', 'notIn', 'isEmpty'] as const;
/** Relative values, evaluated per reader: the reader's own user, periods of the reader's calendar. */
export const userOperators = [...choiceOperators, 'isMe'] as const;
export const dateOperators = [...rangeOperators, 'within'] as const;

export function singleColumn(sqlType: string): FieldTypeSpec['columns'] {
  return (field) => [{ name: field.column!, sqlType }];
}

/** The value as stored in one column: no conversion. */
export const firstValue: FieldTypeSpec['fromSql'] = ([value]) => value;

/** `firstValue`, or a numeric read as a number, in SQL: the column as jsonb. */
export const columnJson: NonNullable<FieldTypeSpec['jsonSql']> = ([column]) => `to_jsonb(${column})`;
