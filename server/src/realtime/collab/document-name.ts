import { isUuid } from '../../platform/index.js';

/**
 * Document names on `/collab`:
 * - `<workspaceId>/<objectKey>/<recordId>/<fieldKey>`: the long-text field of a record,
 *   a Y.Text named `text`;
 * - `<workspaceId>/presence/<record|board>/<id>`: a room for awareness only, no content;
 * - `<workspaceId>/draft/<templateId>/<recordId>/<blockKey>`: a document template's draft block
 *   for one record (free text co-edited before rendering), a Y.Text named `text`.
 * An object keyed `presence` keeps its field documents: a record id is never `record` or `board`;
 * a draft has five parts, a field document four.
 */
export type DocumentName = FieldDocumentName | PresenceRoomName | DraftDocumentName;

export interface FieldDocumentName {
  kind: 'field';
  workspaceId: string;
  objectKey: string;
  recordId: string;
  fieldKey: string;
}

export interface PresenceRoomName {
  kind: 'presence';
  workspaceId: string;
  room: 'record' | 'board';
  id: string;
}

export interface DraftDocumentName {
  kind: 'draft';
  workspaceId: string;
  templateId: string;
  recordId: string;
  blockKey: string;
}

/** The shared type of a field document holding the text. */
export const textName = 'text';

const key = /^[a-z][a-zA-Z0-9]{0,62}$/;
/** A board is named by its object key, optionally with a pipeline key: `deal` or `deal:sales`. */
const boardId = /^[a-z][a-zA-Z0-9]{0,62}(:[a-z][a-zA-Z0-9]{0,62})?$/;

/** Ids in names are lowercase, so one field never has two documents. */
function isId(value: string): boolean {
  return isUuid(value) && value === value.toLowerCase();
}

/** The parsed name, or null when it names nothing we serve. */
export function parseDocumentName(name: string): DocumentName | null {
  const parts = name.split('/');
  if (parts.length === 5 && parts[1] === 'draft') return parseDraftName(parts);
  if (parts.length !== 4 || !isId(parts[0]!)) return null;
  const [workspaceId, second, third, fourth] = parts as [string, string, string, string];
  if (second === 'presence' && (third === 'record' || third === 'board')) {
    const valid = third === 'record' ? isId(fourth) : boardId.test(fourth);
    return valid ? { kind: 'presence', workspaceId, room: third, id: fourth } : null;
  }
  if (!key.test(second) || !isId(third) || !key.test(fourth)) return null;
  return { kind: 'field', workspaceId, objectKey: second, recordId: third, fieldKey: fourth };
}

export function fieldDocumentName(name: Omit<FieldDocumentName, 'kind'>): string {
  return `${name.workspaceId}/${name.objectKey}/${name.recordId}/${name.fieldKey}`;
}

function parseDraftName(parts: string[]): DraftDocumentName | null {
  const [workspaceId, , templateId, recordId, blockKey] = parts as [string, string, string, string, string];
  if (!isId(workspaceId) || !isId(templateId) || !isId(recordId) || !key.test(blockKey)) return null;
  return { kind: 'draft', workspaceId, templateId, recordId, blockKey };
}

export function draftDocumentName(name: Omit<DraftDocumentName, 'kind'>): string {
  return `${name.workspaceId}/draft/${name.templateId}/${name.recordId}/${name.blockKey}`;
}
