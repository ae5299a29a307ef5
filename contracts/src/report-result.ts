// A report's answer as `runReport` (and `reportResult`, `memberActivity`) return it: the server
// builds it, the client draws it with `reportData`.

/** A column of the answer: a group-by (`g0`, `g1`) or a measure (`m0`…). */
export interface ReportColumn {
  key: string;
  kind: 'GROUP' | 'MEASURE';
  label: string;
  /** The field's type (a date group-by: its bucket says how it is cut). */
  fieldType: string | null;
  field: string | null;
  bucket: string | null;
  measure: string | null;
}

export interface ReportResultRow {
  /** One per group-by: the grouped value as text (a date bucket's first day, YYYY-MM-DD), null when empty. */
  keys: (string | null)[];
  /** What people read for each key: a stage's, choice's, member's or related record's name. */
  labels: (string | null)[];
  /** One per measure. */
  values: (number | null)[];
  /** The ISO code when the report measures money: rows and totals are per currency. */
  currency: string | null;
}

export interface ReportResult {
  object: string;
  columns: ReportColumn[];
  rows: ReportResultRow[];
  /** The measures over every matching record, one row per currency (one row without money). */
  totals: ReportResultRow[];
  /** More groups matched than the limit. */
  truncated: boolean;
  timeZone: string;
}
