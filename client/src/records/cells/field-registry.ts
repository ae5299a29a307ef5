import type { Component } from 'vue';
import type { FieldType } from '../../metadata';
import BooleanEditor from './BooleanEditor.vue';
import ChoiceEditor from './ChoiceEditor.vue';
import CurrencyEditor from './CurrencyEditor.vue';
import DateEditor from './DateEditor.vue';
import MemberEditor from './MemberEditor.vue';
import NumberEditor from './NumberEditor.vue';
import RelationEditor from './RelationEditor.vue';
import TextEditor from './TextEditor.vue';

/** The one place a field type meets its editor; FieldDisplay renders every type's value. */
export const editors: Record<FieldType, Component> = {
  TEXT: TextEditor,
  LONG_TEXT: TextEditor,
  EMAIL: TextEditor,
  PHONE: TextEditor,
  URL: TextEditor,
  NUMBER: NumberEditor,
  PERCENT: NumberEditor,
  RATING: NumberEditor,
  CURRENCY: CurrencyEditor,
  BOOLEAN: BooleanEditor,
  DATE: DateEditor,
  DATETIME: DateEditor,
  SELECT: ChoiceEditor,
  MULTI_SELECT: ChoiceEditor,
  STAGE: ChoiceEditor,
  USER: MemberEditor,
  RELATION: RelationEditor,
};
