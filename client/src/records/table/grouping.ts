import type { FieldDef } from '../../metadata/operations';
import { choicesOf, type RecordData } from '../field-values';

export interface RowGroup {
  key: string;
  label: string;
  color: string | null;
  rows: RecordData[];
}

/** Loaded rows by the value of a select or stage field, in option order, empty values last. */
export function groupRows(field: FieldDef | null, rows: readonly RecordData[]): RowGroup[] {
  if (!field) return [{ key: '', label: '', color: null, rows: [...rows] }];
  const groups = choicesOf(field).map((c) => ({
    key: c.key,
    label: c.label,
    color: c.color,
    rows: [] as RecordData[],
  }));
  const none: RowGroup = { key: '', label: `No ${field.label.toLowerCase()}`, color: null, rows: [] };
  for (const row of rows) {
    const value = row[field.key];
    const group = groups.find((g) => g.key === value) ?? none;
    group.rows.push(row);
  }
  return [...groups, none].filter((g) => g.rows.length > 0);
}
