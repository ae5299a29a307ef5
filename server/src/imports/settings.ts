import { isImportable, isMatchable } from '@crm/contracts';
import { activeFields, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';

/** How a file's columns become an object's fields: what a mapping saves and a run follows. */

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface ImportColumn {
  /** The column's header in the file. */
  column: string;
  /** The field it fills; null leaves the column out. */
  fieldKey: string | null;
  /** RELATION: the target's field whose value the cell holds (default: the target's name field). */
  matchBy: string | null;
}

export interface ImportSettings {
  columns: ImportColumn[];
  /** Rows whose value of this field matches a record's update it (upsert); null: every row creates. */
  uniqueFieldKey: string | null;
  /** How 03/04/2026 reads: DMY 3 April, MDY 4 March. ISO dates (2026-04-03) read the same in every order. */
  dateOrder: DateOrder;
  /** The decimal separator of numbers written as text ('.' or ','); the other one groups thousands. */
  decimalSeparator: '.' | ',';
}

/** A mapped column: where it sits in the file and the field it fills. */
export interface MappedColumn {
  index: number;
  column: string;
  field: FieldDef;
  matchBy: string | null;
}

const asImportable = (f: FieldDef) => ({ ...f, relationKind: f.options.relationKind ?? null });

/** Fields an import may fill (see `isImportable`). */
export function importableFields(object: ObjectDef): FieldDef[] {
  return activeFields(object).filter((f) => isImportable(asImportable(f)));
}

/** Fields rows can be matched on: single-column values that identify a record. */
export function matchableFields(object: ObjectDef): FieldDef[] {
  return importableFields(object).filter((f) => f.column && isMatchable(asImportable(f)));
}

/** The settings checked against the object and the file's headers; errors name the input's path. */
export function mapColumns(
  object: ObjectDef,
  settings: ImportSettings,
  headers: readonly string[],
): MappedColumn[] {
  const fields = new Map(importableFields(object).map((f) => [f.key, f]));
  const seen = new Set<string>();
  const mapped: MappedColumn[] = [];
  settings.columns.forEach((c, i) => {
    const at = ['input', 'columns', String(i)];
    if (!c.fieldKey) return;
    const index = headers.indexOf(c.column);
    if (index < 0) throw new BadInput([...at, 'column'], `column: the file has no column "${c.column}".`);
    const field = fields.get(c.fieldKey);
    if (!field)
      throw new BadInput(
        [...at, 'fieldKey'],
        `fieldKey: ${object.labelSingular} has no importable field ${c.fieldKey}.`,
      );
    if (seen.has(field.key))
      throw new BadInput([...at, 'fieldKey'], `fieldKey: ${field.key} is already filled by another column.`);
    seen.add(field.key);
    mapped.push({ index, column: c.column, field, matchBy: c.matchBy ?? null });
  });
  if (!mapped.length)
    throw new BadInput(['input', 'columns'], 'columns: map at least one column to a field.');
  const unique = settings.uniqueFieldKey;
  if (unique !== null) {
    if (!matchableFields(object).some((f) => f.key === unique))
      throw new BadInput(['input', 'uniqueFieldKey'], `uniqueFieldKey: ${unique} cannot identify records.`);
    if (!seen.has(unique))
      throw new BadInput(
        ['input', 'uniqueFieldKey'],
        `uniqueFieldKey: map a column to ${unique} to match on it.`,
      );
  }
  return mapped;
}

function normalised(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A field for each header, from the object's metadata: the field whose key or label reads the
 * same once case, accents and punctuation are set aside ("E-mail" → email), else one whose
 * label contains the header or is contained in it. Each field is suggested once.
 */
export function suggestColumns(object: ObjectDef, headers: readonly string[]): ImportColumn[] {
  const fields = importableFields(object).map((f) => ({ field: f, names: [f.key, f.label].map(normalised) }));
  const taken = new Set<string>();
  const pick = (header: string, match: (names: string[], h: string) => boolean) => {
    const h = normalised(header);
    const found = h && fields.find((f) => !taken.has(f.field.key) && match(f.names, h));
    if (found) taken.add(found.field.key);
    return found ? found.field.key : null;
  };
  const exact = headers.map((header) => pick(header, (names, h) => names.includes(h)));
  return headers.map((column, i) => ({
    column,
    fieldKey:
      exact[i] ??
      pick(column, (names, h) => h.length >= 3 && names.some((n) => n.includes(h) || h.includes(n))),
    matchBy: null,
  }));
}
