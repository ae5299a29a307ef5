import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Document templates on the record page (docs/documents.md): the templates of an object, one
// generation, and the record's generated documents with their signed links.

/** A draft block: free text co-edited live per record before rendering (docs/documents.md#drafts). */
export interface DraftBlock {
  type: 'draft';
  key: string;
  label: string;
}

export interface DocumentTemplateItem {
  id: string;
  name: string;
  version: number;
  /** The body; the client reads only its draft blocks. */
  blocks: ({ type: string } | DraftBlock)[];
}

export const draftBlocksOf = (template: DocumentTemplateItem | undefined): DraftBlock[] =>
  (template?.blocks ?? []).filter((b): b is DraftBlock => b.type === 'draft');

/** The draft's collab document: `<workspaceId>/draft/<templateId>/<recordId>/<key>`, ids lowercase. */
export const draftDocumentName = (workspaceId: string, templateId: string, recordId: string, key: string) =>
  `${workspaceId.toLowerCase()}/draft/${templateId.toLowerCase()}/${recordId.toLowerCase()}/${key}`;

export interface GeneratedDocumentItem {
  id: string;
  templateVersion: number;
  createdAt: string;
  file: { id: string; name: string; url: string } | null;
}

export const DOCUMENT_TEMPLATES: TypedDocumentNode<
  { documentTemplates: DocumentTemplateItem[] },
  { object: string }
> = gql`
  query DocumentTemplatesOf($object: String!) {
    documentTemplates(object: $object) {
      id
      name
      version
      blocks
    }
  }
`;

export const GENERATED_DOCUMENTS: TypedDocumentNode<
  { generatedDocuments: GeneratedDocumentItem[] },
  { object: string; recordId: string }
> = gql`
  query GeneratedDocuments($object: String!, $recordId: ID!) {
    generatedDocuments(object: $object, recordId: $recordId) {
      id
      templateVersion
      createdAt
      file {
        id
        name
        url
      }
    }
  }
`;

export const GENERATE_DOCUMENT: TypedDocumentNode<
  { generateDocument: { id: string } },
  { templateId: string; recordId: string }
> = gql`
  mutation GenerateDocument($templateId: ID!, $recordId: ID!) {
    generateDocument(templateId: $templateId, recordId: $recordId) {
      id
    }
  }
`;

export const RESET_DOCUMENT_DRAFT: TypedDocumentNode<
  { resetDocumentDraft: string },
  { templateId: string; recordId: string; key: string }
> = gql`
  mutation ResetDocumentDraft($templateId: ID!, $recordId: ID!, $key: String!) {
    resetDocumentDraft(templateId: $templateId, recordId: $recordId, key: $key)
  }
`;
