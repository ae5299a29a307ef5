import type { FieldSetting, FieldTypeUi } from '../records/fields/field-type';
import { fieldTypeUis, uiOf } from '../records/fields/registry';
import type { FieldType, RelationKind } from '../metadata';
import type { AdminField, OnDelete } from './operations';

/** What the field builder edits, as text where a person types it. */
export interface FieldDraft {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  unique: boolean;
  helpText: string;
  defaultValue: string;
  precision: string;
  /** NUMBER: thousands separators shown (12,500); off for years and codes. */
  grouping: boolean;
  defaultCurrency: string;
  max: string;
  choices: ChoiceDraft[];
  relation: {
    target: string;
    kind: RelationKind;
    onDelete: OnDelete;
    inverseKey: string;
    inverseLabel: string;
  };
}

export interface ChoiceDraft {
  key: string;
  label: string;
  color: string;
}

/** The types a person can pick, in the registry's order (STAGE comes with a pipeline). */
export const fieldTypes: { type: FieldType; label: string }[] = (
  Object.entries(fieldTypeUis) as [FieldType, FieldTypeUi][]
)
  .filter(([, ui]) => ui.creatable)
  // `label` is read when shown, so it follows a language switch (the registry's label is a getter).
  .map(([type, ui]) => ({
    type,
    get label() {
      return ui.label;
    },
  }));

/** Whether the form asks for `setting` for this type. */
export function asksFor(type: FieldType, setting: FieldSetting): boolean {
  return uiOf(type).settings?.includes(setting) ?? false;
}

export const palette = [
  '#2563eb',
  '#16a34a',
  '#ea580c',
  '#dc2626',
  '#9333ea',
  '#0891b2',
  '#ca8a04',
  '#64748b',
];

/** An API key from a label: "Sea trial date" → "seaTrialDate" (keys are lowerCamelCase). */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    // Accents come apart as combining marks: drop them so "É" stays inside its word.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const key = words
    .map((word, i) =>
      i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
    )
    .join('');
  return /^[a-z]/.test(key) ? key : key ? `f${key}` : '';
}

export function emptyDraft(): FieldDraft {
  return {
    key: '',
    label: '',
    type: 'TEXT',
    required: false,
    unique: false,
    helpText: '',
    defaultValue: '',
    precision: '',
    grouping: true,
    defaultCurrency: '',
    max: '',
    choices: [],
    relation: { target: '', kind: 'MANY_TO_ONE', onDelete: 'SET_NULL', inverseKey: '', inverseLabel: '' },
  };
}

/** A draft showing an existing field, for editing it. */
export function draftOf(field: AdminField): FieldDraft {
  const s = field.settings;
  const relation = s.relation;
  return {
    ...emptyDraft(),
    key: field.key,
    label: field.label,
    type: field.type,
    required: field.required,
    unique: field.unique,
    helpText: field.helpText ?? '',
    defaultValue: field.defaultValue == null ? '' : String(field.defaultValue),
    precision: s.precision == null ? '' : String(s.precision),
    grouping: s.grouping !== false,
    defaultCurrency: s.defaultCurrency ?? '',
    max: s.max == null ? '' : String(s.max),
    choices: [...(s.choices ?? [])]
      .sort((a, b) => a.position - b.position)
      .map(({ key, label, color }) => ({ key, label, color })),
    relation: relation
      ? {
          target: relation.targetObjectKey,
          kind: relation.kind,
          onDelete: relation.onDelete ?? 'SET_NULL',
          inverseKey: relation.inverseFieldKey ?? '',
          inverseLabel: '',
        }
      : emptyDraft().relation,
  };
}

/** The typed default value from what was typed; undefined when none was given. */
export function parseDefault(type: FieldType, text: string): unknown {
  const value = text.trim();
  if (value === '') return undefined;
  const parse = uiOf(type).parseDefault;
  return parse ? parse(value) : value;
}

/** Type-specific settings; undefined when the type has none to send. */
export function settingsOf(draft: FieldDraft): Record<string, unknown> | undefined {
  const settings: Record<string, unknown> = {};
  // Number inputs bound with v-model hand back numbers, typed text hands back strings.
  const text = (value: string | number) => String(value ?? '').trim();
  if (asksFor(draft.type, 'precision') && text(draft.precision) !== '')
    settings.precision = Number(draft.precision);
  // Always sent, so turning grouping back on reaches the server.
  if (asksFor(draft.type, 'grouping')) settings.grouping = draft.grouping;
  if (asksFor(draft.type, 'defaultCurrency') && text(draft.defaultCurrency) !== '')
    settings.defaultCurrency = text(draft.defaultCurrency).toUpperCase();
  if (asksFor(draft.type, 'max') && text(draft.max) !== '') settings.max = Number(draft.max);
  if (asksFor(draft.type, 'choices'))
    settings.choices = draft.choices.map((c, position) => ({
      key: c.key || keyFromLabel(c.label),
      label: c.label,
      color: c.color,
      position,
    }));
  return Object.keys(settings).length ? settings : undefined;
}

/** `createField`'s input; the server checks it again and names what it refuses. */
export function createFieldInput(object: string, draft: FieldDraft): Record<string, unknown> {
  const input: Record<string, unknown> = {
    object,
    key: draft.key || keyFromLabel(draft.label),
    label: draft.label,
    type: draft.type,
    required: draft.required,
    unique: draft.unique,
  };
  if (draft.helpText.trim()) input.helpText = draft.helpText.trim();
  const defaultValue = parseDefault(draft.type, draft.defaultValue);
  if (defaultValue !== undefined) input.defaultValue = defaultValue;
  const settings = settingsOf(draft);
  if (settings) input.settings = settings;
  if (draft.type === 'RELATION') {
    const { target, kind, onDelete, inverseKey, inverseLabel } = draft.relation;
    input.relation = {
      target,
      kind,
      onDelete,
      ...(inverseKey.trim() ? { inverseKey: inverseKey.trim() } : {}),
      ...(inverseLabel.trim() ? { inverseLabel: inverseLabel.trim() } : {}),
    };
  }
  return input;
}

/** `updateField`'s input: labels and rules; key, type and relation never change here. */
export function updateFieldInput(draft: FieldDraft): Record<string, unknown> {
  const input: Record<string, unknown> = {
    label: draft.label,
    required: draft.required,
    unique: draft.unique,
    helpText: draft.helpText.trim(),
    defaultValue: parseDefault(draft.type, draft.defaultValue) ?? null,
  };
  const settings = settingsOf(draft);
  if (settings) input.settings = settings;
  return input;
}

/** The list with one item moved from one index to another (stages and options). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, item!);
  return copy;
}
