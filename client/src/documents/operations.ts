import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Document templates on the record page (docs/documents.md): the templates of an object, one
// generation, and the record's generated documents with their signed links.

export interface DocumentTemplateItem {
  id: string;
  name: string;
  version: number;
}

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
