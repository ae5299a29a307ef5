import { i18n } from '../../i18n';
import type { FieldDef } from '../../metadata';
import { choicesOf, type RecordData } from '../field-values';
import { inSentence } from '../../i18n/in-sentence';

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
  const none: RowGroup = {
    key: '',
    label: i18n.global.t('recordsTable.table.noValue', { field: inSentence(field.label) }),
    color: null,
    rows: [],
  };
  for (const row of rows) {
    const value = row[field.key];
    const group = groups.find((g) => g.key === value) ?? none;
    group.rows.push(row);
  }
  return [...groups, none].filter((g) => g.rows.length > 0);
}

/** One line of the table: a group's header or a record, as the virtual scroller lays them out. */
export type TableLine =
  { kind: 'group'; key: string; group: RowGroup } | { kind: 'row'; key: string; row: RecordData };

/** The table's lines in order: each group's header (when grouped) followed by its rows. */
export function tableLines(field: FieldDef | null, rows: readonly RecordData[]): TableLine[] {
  const lines: TableLine[] = [];
  for (const group of groupRows(field, rows)) {
    if (field) lines.push({ kind: 'group', key: `group:${group.key}`, group });
    for (const row of group.rows) lines.push({ kind: 'row', key: row.id, row });
  }
  return lines;
}
