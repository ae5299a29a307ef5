import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { uiOf } from './fields/registry';
import type { FieldDef } from '../metadata';
import { toCsv } from './csv';
import { formatValue, type RecordData } from './field-values';

/** The records as CSV: the visible columns in order, values as the table shows them. */
export function recordsCsv(columns: readonly FieldDef[], records: readonly RecordData[]): string {
  return toCsv(
    columns.map((c) => c.label),
    records.map((record) => columns.map((c) => exportValue(c, record[c.key]))),
  );
}

function exportValue(field: FieldDef, value: unknown): string {
  // Machine-readable where a spreadsheet would otherwise lose information.
  const exportText = uiOf(field.type).exportText;
  if (exportText) return value === null || value === undefined ? '' : exportText(value);
  return formatValue(field, value);
}

/** Tells the server about an export built here, for the admins' audit log (docs/audit.md). */
export const RECORDS_EXPORTED: TypedDocumentNode<
  { recordsExported: boolean },
  { objectKey: string; count: number; filter: unknown }
> = gql`
  mutation RecordsExported($objectKey: String!, $count: Int!, $filter: JSON) {
    recordsExported(objectKey: $objectKey, count: $count, filter: $filter)
  }
`;

/** Hands a file to the browser's download. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
