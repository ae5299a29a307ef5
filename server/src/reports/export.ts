import ExcelJS from 'exceljs';
import type { ReportResult } from './run.js';

/**
 * A report's data as a file: one sheet with a column per group-by (its readable label) and per
 * measure, a currency column when it measures money, and the totals last. exceljs writes both
 * formats from the same sheet (its CSV writer is fast-csv), so the two never disagree.
 */

export type ExportFormat = 'CSV' | 'XLSX';

export const exportTypes: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// A spreadsheet runs a cell starting with these as a formula: CSV injection.
const formulaStart = /^[=+\-@\t\r]/;

function safeText(text: string | null): string {
  if (text === null) return '';
  return formulaStart.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export function reportSheet(result: ReportResult, name: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31) || 'Report');
  const groups = result.columns.filter((c) => c.kind === 'GROUP');
  const measures = result.columns.filter((c) => c.kind === 'MEASURE');
  const money = [...result.rows, ...result.totals].some((r) => r.currency !== null);
  sheet.addRow([
    ...groups.map((c) => c.label),
    ...(money ? ['Currency'] : []),
    ...measures.map((c) => c.label),
  ]);
  for (const row of result.rows) {
    sheet.addRow([
      ...row.keys.map((key, i) => safeText(row.labels[i] ?? key)),
      ...(money ? [row.currency ?? ''] : []),
      ...row.values,
    ]);
  }
  if (groups.length) {
    for (const total of result.totals) {
      sheet.addRow([
        'Total',
        ...groups.slice(1).map(() => ''),
        ...(money ? [total.currency ?? ''] : []),
        ...total.values,
      ]);
    }
  }
  sheet.getRow(1).font = { bold: true };
  return workbook;
}

export async function exportReport(
  result: ReportResult,
  name: string,
  format: ExportFormat,
): Promise<Buffer> {
  const workbook = reportSheet(result, name);
  const data = format === 'CSV' ? await workbook.csv.writeBuffer() : await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

/** A file name people recognise, without characters a header or a file system refuses. */
export function exportFileName(name: string, format: ExportFormat): string {
  const base =
    name
      .replace(/[^\p{L}\p{N} ._-]/gu, '')
      .trim()
      .slice(0, 80) || 'report';
  return `${base}.${format.toLowerCase()}`;
}
