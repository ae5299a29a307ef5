import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draftDocumentName, fieldDocumentName, parseDocumentName } from './document-name.js';

const workspaceId = randomUUID();
const recordId = randomUUID();

describe('document names', () => {
  it('parses a field document and formats it back', () => {
    const name = `${workspaceId}/note/${recordId}/body`;
    const parsed = parseDocumentName(name);
    expect(parsed).toEqual({ kind: 'field', workspaceId, objectKey: 'note', recordId, fieldKey: 'body' });
    expect(fieldDocumentName(parsed as never)).toBe(name);
  });

  it('parses a draft of a document template for a record and formats it back', () => {
    const templateId = randomUUID();
    const name = `${workspaceId}/draft/${templateId}/${recordId}/coverLetter`;
    const parsed = parseDocumentName(name);
    expect(parsed).toEqual({ kind: 'draft', workspaceId, templateId, recordId, blockKey: 'coverLetter' });
    expect(draftDocumentName(parsed as never)).toBe(name);
    expect(parseDocumentName(`${workspaceId}/draft/${templateId}/${recordId}/Cover`)).toBeNull();
    expect(parseDocumentName(`${workspaceId}/draft/${templateId.toUpperCase()}/${recordId}/a`)).toBeNull();
    expect(parseDocumentName(`${workspaceId}/drafts/${templateId}/${recordId}/a`)).toBeNull();
  });

  it('parses presence rooms of records and boards', () => {
    expect(parseDocumentName(`${workspaceId}/presence/record/${recordId}`)).toEqual({
      kind: 'presence',
      workspaceId,
      room: 'record',
      id: recordId,
    });
    expect(parseDocumentName(`${workspaceId}/presence/board/deal:sales`)).toMatchObject({
      room: 'board',
      id: 'deal:sales',
    });
  });

  it('parses the field document of an object keyed presence', () => {
    expect(parseDocumentName(`${workspaceId}/presence/${recordId}/body`)).toEqual({
      kind: 'field',
      workspaceId,
      objectKey: 'presence',
      recordId,
      fieldKey: 'body',
    });
  });

  it.each([
    '',
    'note',
    `${workspaceId}/note/${recordId}`,
    `${workspaceId}/note/${recordId}/body/extra`,
    `not-a-uuid/note/${recordId}/body`,
    `${workspaceId.toUpperCase()}/note/${recordId}/body`,
    `${workspaceId}/note/${recordId.toUpperCase()}/body`,
    `${workspaceId}/Note/${recordId}/body`,
    `${workspaceId}/note/${recordId}/bo-dy`,
    `${workspaceId}/presence/record/not-an-id`,
    `${workspaceId}/presence/board/Deal`,
    `${workspaceId}/presence/view/${recordId}`,
  ])('refuses %j', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
});
