import type { FieldDef, ObjectDef } from '../../metadata';

/**
 * Every editor takes the field, its current value as the records API answers it, and
 * emits `change` with the value as the API takes it, `commit` when the person is done
 * (Enter, leaving the field, a pick) and `cancel` on Escape.
 */
export interface EditorProps {
  field: FieldDef;
  value: unknown;
  objects: ObjectDef[];
  /** Focus the editor when it appears (inline editing). */
  autofocus?: boolean;
  testid?: string;
}

export interface EditorEmits {
  (event: 'change', input: unknown): void;
  (event: 'commit'): void;
  (event: 'cancel'): void;
}

/** `datetime-local` speaks local time without a zone; the API speaks ISO 8601. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

export function fromLocalInput(text: string): string | null {
  return text ? new Date(text).toISOString() : null;
}
