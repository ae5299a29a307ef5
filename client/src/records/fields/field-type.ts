import type { Component } from 'vue';
import type { ApiOperator, FieldDef } from '../../metadata';

export { fieldTypeNames, type ApiOperator, type FieldType } from '../../metadata';

/** The filter builder's operators: the API's, plus the ones it phrases itself. */
export type Operator = ApiOperator | 'isNotEmpty' | 'isNotMe' | 'labelContains';

/** A setting the admin's field form asks for. */
export type FieldSetting = 'precision' | 'grouping' | 'defaultCurrency' | 'max' | 'choices';

/**
 * How the filter builder asks for a type's operand (`input`), and the operators that
 * input can express, in the order it offers them. Which of them a field really takes
 * comes from the server (`FieldDefinition.operators`); this side only presents them.
 */
export interface FilterUi {
  input: 'text' | 'number' | 'date' | 'datetime-local' | 'boolean' | 'choice';
  offers: readonly Operator[];
  /** The typed text → the API's operand; default: the text. */
  operand?(text: string): unknown;
}

/**
 * The one client definition of a field type: how its value shows, is edited, reads as
 * text and compares, how it is filtered and what the admin's form asks for. FieldDisplay,
 * the editors' hosts, the filter builder, CSV export, boards and live views dispatch here.
 */
export interface FieldTypeUi {
  /** The type's name in the admin's type picker, in the current language when read. */
  readonly label: string;
  /** False for types made elsewhere (STAGE comes with a pipeline). */
  creatable: boolean;
  /** Renders a non-empty value; takes `field` and `value`. */
  display: Component;
  /** Edits a value; takes EditorProps and emits EditorEmits (records/cells/editor-props.ts). */
  editor: Component;
  /** A non-empty value as plain text: what a cell shows and the CSV export writes. */
  format(value: unknown, field: FieldDef): string;
  /** CSV text where the formatted text would lose information (a spreadsheet's numbers). */
  exportText?(value: unknown): string;
  /** The class of the plain-text display (numbers align right). */
  cellClass?: string;
  /** null when the builder cannot filter this field. */
  filter(field: FieldDef): FilterUi | null;
  /**
   * A value or operand in a form the browser compares and orders as the server does;
   * default: the text of a plain value, null for an object.
   */
  comparable?(value: unknown): number | string | boolean | null;
  /** False: the browser cannot order it as the server does (members, relations, lists). */
  localOrder?: boolean;
  /** The value is a list of keys: `contains`, `in` and `notIn` take lists and compare sets. */
  listValued?: boolean;
  /** Blank text counts as no value, as the server stores it. */
  blankIsEmpty?: boolean;
  /** Shown under a board card's title (the card's row holds its API value). */
  onCards?: boolean;
  /** The settings the admin's form asks for. */
  settings?: readonly FieldSetting[];
  /** A default value as typed in the admin's form → the API's value; default: the text. */
  parseDefault?(text: string): unknown;
}

export const textOffers: readonly Operator[] = ['contains', 'eq', 'neq', 'startsWith'];
export const rangeOffers: readonly Operator[] = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'];
export const dateOffers: readonly Operator[] = ['within', ...rangeOffers];
export const choiceOffers: readonly Operator[] = ['in', 'notIn', 'eq', 'neq'];
