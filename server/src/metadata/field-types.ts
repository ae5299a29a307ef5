import type { Path } from './field-values.js';
import { boolean } from './field-types/boolean.js';
import { multiSelect, select, stage } from './field-types/choice.js';
import { currency } from './field-types/currency.js';
import { date, dateTime } from './field-types/date.js';
import { duration } from './field-types/duration.js';
import { file, image } from './field-types/file.js';
import { number, percent } from './field-types/number.js';
import { rating } from './field-types/rating.js';
import { relation } from './field-types/relation.js';
import type { FieldTypeSpec, FilterOperator, OptionsInput } from './field-types/spec.js';
import { email, longText, phone, text, url } from './field-types/text.js';
import { user } from './field-types/user.js';
import type { FieldDef, FieldOptions } from './model.js';

/**
 * The field-type registry: every type and its spec (field-types/spec.ts says what a spec
 * holds). Adding a type is a spec file and a line here; the order is the API's order.
 */
export const fieldTypeSpecs = {
  TEXT: text,
  LONG_TEXT: longText,
  NUMBER: number,
  CURRENCY: currency,
  PERCENT: percent,
  BOOLEAN: boolean,
  DATE: date,
  DATETIME: dateTime,
  SELECT: select,
  STAGE: stage,
  MULTI_SELECT: multiSelect,
  EMAIL: email,
  PHONE: phone,
  URL: url,
  RATING: rating,
  DURATION: duration,
  USER: user,
  RELATION: relation,
  FILE: file,
  IMAGE: image,
} satisfies Record<string, FieldTypeSpec>;

export type FieldType = keyof typeof fieldTypeSpecs;

export const fieldTypes = Object.keys(fieldTypeSpecs) as [FieldType, ...FieldType[]];

export function specOf(type: FieldType): FieldTypeSpec {
  return fieldTypeSpecs[type];
}

/**
 * Converts an API value for `field` to SQL values, null for each column when empty.
 * Blank text is empty too, as the isEmpty filter sees it: a required field refuses it
 * and a unique one does not count it as a value.
 */
export function valueToSql(field: FieldDef, value: unknown, path: Path): unknown[] {
  const spec = specOf(field.type);
  const columns = spec.columns(field);
  const empty = value === null || value === undefined || value === '';
  if (empty) return columns.map(() => null);
  return spec.toSql(value, field, path);
}

/** Validates the settings that matter for `type`; the rest are ignored. */
export function parseFieldOptions(
  type: FieldType,
  input: OptionsInput | null | undefined,
  path: string[],
): FieldOptions {
  return specOf(type).parseOptions?.(input ?? {}, path) ?? {};
}

/** The record id, as a filterable field: equality and lists. */
export const idOperators: readonly FilterOperator[] = ['eq', 'neq', 'in', 'notIn'];

/** The operators a field's filter takes (a to-many relation's filter is `some`, `none`, `isEmpty`). */
export function fieldOperators(field: FieldDef): readonly FilterOperator[] {
  if (field.system && field.key === 'id') return idOperators;
  if (field.type === 'RELATION' && field.options.relationKind !== 'MANY_TO_ONE') return ['isEmpty'];
  return specOf(field.type).operators;
}

/** Whether the records API sorts by the field: marked sortable, of a type that orders by an index. */
export function sortsBy(field: FieldDef): boolean {
  const spec = specOf(field.type);
  return field.sortable && spec.indexable && spec.sortable;
}

/** Whether fields can change from or to `type` (relations and users cannot). */
export function isConvertible(type: FieldType): boolean {
  return specOf(type).convert !== undefined;
}

/** What the API tells clients about each type. */
export function describeFieldTypes() {
  return fieldTypes.map((type) => {
    const spec = specOf(type);
    return {
      type,
      operators: [...spec.operators],
      searchable: spec.searchable,
      indexable: spec.indexable,
      sortable: spec.indexable && spec.sortable,
      convertible: isConvertible(type),
    };
  });
}

function asText(value: unknown, from: FieldDef): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  const toText = specOf(from.type).toText;
  return toText ? toText(value) : String(value);
}

/**
 * Turns a value of one field type into a candidate for another; the new type's own
 * validation then accepts or refuses it. Pure, for the type change.
 */
export function convertValue(value: unknown, from: FieldDef, to: FieldDef): unknown {
  if (value === null || value === undefined) return null;
  const convert = specOf(to.type).convert;
  return convert ? convert(value, asText(value, from), from, to) : value;
}

export {
  filterOperators,
  type ChoiceInput,
  type Column,
  type CoreTypes,
  type FieldTypeSpec,
  type FilterOperator,
  type FilterShape,
  type GraphQLShape,
  type OptionsInput,
  type TemplateOptions,
} from './field-types/spec.js';
export { groupsDigits } from './field-types/number.js';
export { maxLongTextLength } from './field-types/text.js';
export { maxFiles } from './field-types/file.js';
