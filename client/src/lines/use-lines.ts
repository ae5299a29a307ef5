import { ref, shallowRef } from 'vue';
import { i18n } from '../i18n';
import { describeError } from '../forms';
import {
  cellKey,
  isNewer,
  lineFields,
  rebased,
  serverError,
  typed,
  type Cells,
  type LineField,
} from './line-edits';
import type { LineInput, EditedLine, DocumentTotals, LinePackage } from './operations';

/** A quote or a draft invoice as its line editor holds it. */
export interface LinedDocument {
  id: string;
  version: number;
  currency: string;
  lines: EditedLine[];
  totals: DocumentTotals;
  /** Quotes: the packages among the lines (a boat with its engines), priced together. */
  packages?: LinePackage[];
}

/** The document's reads and line writes; each write answers the document as it now is. */
export interface LineOperations<D extends LinedDocument> {
  /** The document, and the `changeCursor` read with it: where its live pushes resume from. */
  read(): Promise<{ document: D; cursor: string }>;
  updateLine(lineId: string, version: number, input: LineInput): Promise<D>;
  removeLine(lineId: string, version: number): Promise<D>;
  addLine(input: LineInput): Promise<D>;
}

/**
 * The line editor of one document: the newest document heard (answers and pushes; an older one
 * never replaces it) and the cells the user is typing in, kept apart so a pushed document
 * replaces the lines and the typing survives. Cells save one field of one line at the version
 * the user started from; a CONFLICT keeps the typed value beside the colleague's until the user
 * chooses.
 */
export function useLineEditing<D extends LinedDocument>(operations: LineOperations<D>) {
  const current = shallowRef<D | null>(null);
  const cells = ref<Cells>({});
  const error = ref<string | null>(null);
  /** Errors of a line as a whole (its product, its removal), by line id. */
  const lineErrors = ref<Record<string, string>>({});
  /** The cursor of the last read: the document's subscription resumes from it (null before one). */
  const cursor = ref<string | null>(null);

  return {
    current,
    cursor,
    cells,
    error,
    lineErrors,
    apply,
    load,
    write,
    edit,
    save,
    keepMine,
    takeTheirs,
    setProduct,
    addLine,
    removeLine,
  };

  function apply(next: D) {
    if (!isNewer(current.value, next)) return;
    current.value = next;
    cells.value = rebased(cells.value, next);
  }

  async function load() {
    try {
      const read = await operations.read();
      cursor.value = read.cursor;
      apply(read.document);
      error.value = null;
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }

  /** Any other write answering the document; its error (with the field it names) or null. */
  async function write(run: () => Promise<D>) {
    try {
      apply(await run());
      return null;
    } catch (caught) {
      return serverError(caught) ?? { message: describeError(caught).message, field: null };
    }
  }

  function edit(line: EditedLine, field: LineField, value: string) {
    const key = cellKey(line.id, field);
    cells.value = { ...cells.value, [key]: typed(cells.value[key], line, field, value) };
  }

  function patch(key: string, change: Partial<Cells[string]> | null) {
    const next = { ...cells.value };
    if (change === null) delete next[key];
    else if (next[key]) next[key] = { ...next[key], ...change };
    cells.value = next;
  }

  /** Saves the cell's draft, if any, at its base version. */
  async function save(line: EditedLine, field: LineField) {
    const key = cellKey(line.id, field);
    const cell = cells.value[key];
    if (!cell || cell.saving || cell.conflict) return;
    if (cell.draft === cell.baseValue && cell.baseVersion === line.version) return patch(key, null);
    patch(key, { saving: true, error: null });
    try {
      apply(await operations.updateLine(line.id, cell.baseVersion, { [field]: cell.draft }));
      if (cells.value[key]?.draft === cell.draft) patch(key, null);
      else patch(key, { saving: false });
    } catch (caught) {
      await failed(key, field, caught);
    }
  }

  async function failed(key: string, field: LineField, caught: unknown) {
    const refused = serverError(caught);
    if (refused?.code === 'CONFLICT' && refused.currentVersion !== null) {
      // The colleague's value is shown beside mine: read it if its push has not arrived yet.
      const held = current.value?.lines.find((l: EditedLine) => l.id === refused.lineId);
      if (!held || held.version < refused.currentVersion) await load();
      patch(key, { saving: false, conflict: true });
      return;
    }
    const onThisCell = !refused?.field || refused.field === field;
    const message = refused?.message ?? describeError(caught).message;
    patch(key, { saving: false, error: onThisCell ? message : `${fieldLabel(refused!.field!)}: ${message}` });
  }

  /** Resends my value at the line's current version. */
  async function keepMine(line: EditedLine, field: LineField) {
    const key = cellKey(line.id, field);
    patch(key, { conflict: false, baseVersion: line.version, baseValue: line[field] });
    await save(line, field);
  }

  function takeTheirs(line: EditedLine, field: LineField) {
    patch(cellKey(line.id, field), null);
  }

  /** A product brings its name and price; back to free text keeps the line's. */
  async function setProduct(line: EditedLine, productId: string | null) {
    const input = productId
      ? { productId }
      : { productId: null, description: line.description, unitPrice: line.unitPrice };
    await lineWrite(line.id, () => operations.updateLine(line.id, line.version, input));
  }

  async function removeLine(line: EditedLine) {
    await lineWrite(line.id, () => operations.removeLine(line.id, line.version));
  }

  async function lineWrite(lineId: string, run: () => Promise<D>) {
    const { [lineId]: _, ...rest } = lineErrors.value;
    lineErrors.value = rest;
    try {
      apply(await run());
    } catch (caught) {
      lineErrors.value = { ...lineErrors.value, [lineId]: describeError(caught).message };
    }
  }

  /** Adds a line; answers the server's error (with the field it names) or null. */
  function addLine(input: LineInput) {
    return write(() => operations.addLine(input));
  }
}

/** A line field's name as the table heads it; another field as the server names it. */
function fieldLabel(field: string): string {
  return (lineFields as readonly string[]).includes(field) ? i18n.global.t(`lines.fields.${field}`) : field;
}

/** What a line table needs of an editor, whichever document it edits. */
export type LineEditing = Pick<
  ReturnType<typeof useLineEditing>,
  | 'cells'
  | 'lineErrors'
  | 'edit'
  | 'save'
  | 'keepMine'
  | 'takeTheirs'
  | 'setProduct'
  | 'removeLine'
  | 'addLine'
>;
