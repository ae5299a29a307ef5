import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { DocumentBlock } from '@crm/contracts';

// The document designer's reads and writes (docs/documents.md): templates, the merge fields and
// line sources an object offers, saving with the version edited, and a preview that keeps nothing.

export interface DesignedTemplate {
  id: string;
  object: string;
  name: string;
  fileField: string | null;
  blocks: DocumentBlock[];
  version: number;
  templateKey: string | null;
  updatedAt: string;
}

export interface DocumentTemplateInput {
  object: string;
  name: string;
  fileField: string | null;
  blocks: DocumentBlock[];
}

export interface MergeField {
  path: string;
  label: string;
  type: string;
}

export interface LineSourceItem {
  key: string;
  label: string;
  columns: { key: string; label: string }[];
}

const templateFields = `id object name fileField blocks version templateKey updatedAt`;

export const DESIGNED_TEMPLATES: TypedDocumentNode<{ documentTemplates: DesignedTemplate[] }> = gql`
  query DesignedTemplates {
    documentTemplates {
      ${templateFields}
    }
  }
`;

export const DESIGNED_TEMPLATE: TypedDocumentNode<{ documentTemplate: DesignedTemplate }, { id: string }> =
  gql`
  query DesignedTemplate($id: ID!) {
    documentTemplate(id: $id) {
      ${templateFields}
    }
  }
`;

export const SAVE_DESIGNED_TEMPLATE: TypedDocumentNode<
  { saveDocumentTemplate: DesignedTemplate },
  { id: string | null; input: DocumentTemplateInput; expectedVersion: number | null }
> = gql`
  mutation SaveDesignedTemplate($id: ID, $input: DocumentTemplateInput!, $expectedVersion: Int) {
    saveDocumentTemplate(id: $id, input: $input, expectedVersion: $expectedVersion) {
      ${templateFields}
    }
  }
`;

export const DELETE_DESIGNED_TEMPLATE: TypedDocumentNode<
  { deleteDocumentTemplate: boolean },
  { id: string }
> = gql`
  mutation DeleteDesignedTemplate($id: ID!) {
    deleteDocumentTemplate(id: $id)
  }
`;

export const DOCUMENT_MERGE_FIELDS: TypedDocumentNode<
  { documentTemplateMergeFields: MergeField[] },
  { object: string }
> = gql`
  query DocumentMergeFields($object: String!) {
    documentTemplateMergeFields(object: $object) {
      path
      label
      type
    }
  }
`;

export const DOCUMENT_LINE_SOURCES: TypedDocumentNode<
  { documentLineSources: LineSourceItem[] },
  { object: string }
> = gql`
  query DocumentLineSources($object: String!) {
    documentLineSources(object: $object) {
      key
      label
      columns {
        key
        label
      }
    }
  }
`;

export const PREVIEW_DOCUMENT: TypedDocumentNode<
  { previewDocument: { name: string; contentType: string; data: string } },
  { input: DocumentTemplateInput; recordId: string }
> = gql`
  mutation PreviewDocument($input: DocumentTemplateInput!, $recordId: ID!) {
    previewDocument(input: $input, recordId: $recordId) {
      name
      contentType
      data
    }
  }
`;
