import { i18n } from '../../i18n';
import type { FieldDef } from '../../metadata';

/** Values as the records API answers them, and the small readers every field type shares. */

export interface Money {
  amount: number;
  currency: string;
}

/** A related record or member: its id and one label property (`name`, `title`, …). */
export type Linked = { id: string } & Record<string, unknown>;

export function linkedLabel(value: Linked): string {
  const label = Object.entries(value).find(([key, v]) => key !== 'id' && key !== '__typename' && v != null);
  return label ? String(label[1]) : i18n.global.t('common.untitled');
}

export function isEmptyValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** The label of a select option or stage. */
export function choiceLabel(field: FieldDef, key: string): string {
  const stages = field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return (
    field.settings.choices?.find((c) => c.key === key)?.label ??
    stages.find((s) => s.key === key)?.label ??
    key
  );
}

/** The colour of a select option or stage, for its chip. */
export function choiceColor(field: FieldDef, key: string): string {
  const stages = field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return (
    field.settings.choices?.find((c) => c.key === key)?.color ??
    stages.find((s) => s.key === key)?.color ??
    '#94a3b8'
  );
}

/** Options of a SELECT, MULTI_SELECT or STAGE field, in order. */
export function choicesOf(field: FieldDef): { key: string; label: string; color: string }[] {
  if (field.type === 'STAGE') return field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return [...(field.settings.choices ?? [])].sort((a, b) => a.position - b.position);
}
