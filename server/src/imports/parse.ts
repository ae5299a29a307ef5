import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { BadInput } from '../platform/index.js';
import { decodeText, startsWith } from './encoding.js';

/** A cell as read: text from a CSV; text, number, boolean or Date from a spreadsheet. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row's line in the file (the header is line 1); a spreadsheet's row number. */
  line: number;
  cells: Cell[];
}

export interface ParsedFile {
  format: 'CSV' | 'XLSX';
  encoding: string;
  headers: string[];
  rows: SheetRow[];
}

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/** A CSV (any of the detected encodings) or the first worksheet of an XLSX workbook. */
export async function parseFile(data: Uint8Array): Promise<ParsedFile> {
  if (!data.length) throw new BadInput(['file'], 'The file is empty.');
  const parsed = startsWith(data, zipSignature) ? await parseXlsx(data) : parseCsv(data);
  if (!parsed.headers.some((h) => h !== ''))
    throw new BadInput(['file'], 'The first row must name the columns.');
  return parsed;
}

/** The likeliest delimiter: the one the header line has most of (comma on a tie). */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

function parseCsv(data: Uint8Array): ParsedFile {
  const { text, encoding } = decodeText(data);
  const rows: SheetRow[] = [];
  let start = 0;
  let line = 1;
  // Each row's line is counted from where it starts, so quoted line breaks keep later lines right.
  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    step: (result) => {
      const end = result.meta.cursor;
      if (!isBlank(result.data)) rows.push({ line, cells: result.data });
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  const [header, ...body] = rows;
  return { format: 'CSV', encoding, headers: (header?.cells ?? []).map(headerText), rows: body };
}

function headerText(cell: Cell): string {
  return cellText(cell).trim();
}

/** A cell's text as shown in the sheet (dates as ISO). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

/** ExcelJS's cell value (rich text, formula, hyperlink…) as a plain cell. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value as Cell;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

async function parseXlsx(data: Uint8Array): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as never);
  } catch {
    throw new BadInput(['file'], 'This is a ZIP archive but not a readable XLSX workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new BadInput(['file'], 'The workbook has no worksheet.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    // row.values is 1-based: index 0 is always empty.
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(plainCell);
    if (!isBlank(cells)) rows.push({ line, cells: Array.from(cells, (c) => c ?? null) });
  });
  const [header, ...body] = rows;
  return { format: 'XLSX', encoding: 'XLSX', headers: (header?.cells ?? []).map(headerText), rows: body };
}
