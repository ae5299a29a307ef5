import { ApolloError } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';
import { describeError } from '../forms';
import type { EditedLine } from './operations';

// The editor's unsaved state per cell (line × field), kept apart from the quote the server
// sent: a pushed quote replaces the lines, and the user's typing survives it.

export const lineFields = ['description', 'quantity', 'unitPrice', 'discountPercent', 'taxRate'] as const;
export type LineField = (typeof lineFields)[number];

export interface CellState {
  /** What the user typed and has not saved yet. */
  draft: string;
  /** The line's value and version when the user started typing: what the save is based on. */
  baseValue: string;
  baseVersion: number;
  /** The server's message for this cell (a validation error). */
  error: string | null;
  /** The server refused the save: someone changed the line since `baseVersion`. */
  conflict: boolean;
  saving: boolean;
}

export type Cells = Record<string, CellState>;

export const cellKey = (lineId: string, field: LineField) => `${lineId}:${field}`;

/** The cell's state once the user types `value`; the base is fixed by the first keystroke. */
export function typed(
  held: CellState | undefined,
  line: EditedLine,
  field: LineField,
  value: string,
): CellState {
  if (held) return { ...held, draft: value, error: null };
  return {
    draft: value,
    baseValue: line[field],
    baseVersion: line.version,
    error: null,
    conflict: false,
    saving: false,
  };
}

/**
 * The cells once `document` (newer) is held. A draft whose field nobody else changed moves onto the
 * line's new version, so a colleague's edit of another field of the line is no conflict; a draft
 * whose field changed keeps its old base, and its save meets the server's CONFLICT. Cells of
 * removed lines go, and so do drafts equal to the value now stored.
 */
export function rebased(cells: Cells, document: { lines: readonly EditedLine[] }): Cells {
  const lines = new Map(document.lines.map((line) => [line.id, line]));
  const next: Cells = {};
  for (const [key, cell] of Object.entries(cells)) {
    const [lineId, field] = key.split(':') as [string, LineField];
    const line = lines.get(lineId);
    if (!line) continue;
    const current = line[field];
    if (!cell.saving && !cell.conflict && !cell.error && cell.draft === current) continue;
    const untouched = current === cell.baseValue && !cell.conflict;
    next[key] = untouched ? { ...cell, baseVersion: line.version } : cell;
  }
  return next;
}

/** Whether a document pushed or answered should replace the one held (an older one never does). */
export function isNewer(held: { version: number } | null, next: { version: number }): boolean {
  return !held || next.version > held.version;
}

export interface ServerError {
  code: string | null;
  message: string;
  /** CONFLICT: the line and the version it is at now. */
  lineId: string | null;
  currentVersion: number | null;
  /** The field a refusal names (`["input", "quantity"]`, a CONFLICT's `["expected", "title"]`). */
  field: string | null;
}

/** The first GraphQL error a mutation threw, with what the line editor acts on. */
export function serverError(error: unknown): ServerError | null {
  const first = graphQLErrorsOf(error)[0];
  if (!first) return null;
  const ext = first.extensions ?? {};
  const path = Array.isArray(ext.argumentPath) ? ext.argumentPath.map(String) : [];
  return {
    code: typeof ext.code === 'string' ? ext.code : null,
    // In the user's language where the server gives a reason (forms/describe-error.ts).
    message: describeError(error).message,
    lineId: typeof ext.lineId === 'string' ? ext.lineId : null,
    currentVersion: typeof ext.currentVersion === 'number' ? ext.currentVersion : null,
    field: path[0] === 'input' || path[0] === 'expected' ? (path[path.length - 1] ?? null) : null,
  };
}

function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (!(error instanceof ApolloError)) return [];
  if (error.graphQLErrors.length) return error.graphQLErrors;
  // A 4xx answer arrives as a network error with the GraphQL errors in its body.
  const body = (error.networkError as { result?: { errors?: unknown } } | null)?.result;
  return Array.isArray(body?.errors) ? (body.errors as GraphQLFormattedError[]) : [];
}
