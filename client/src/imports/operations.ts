import { gql, type TypedDocumentNode } from '@apollo/client/core';

// CSV/XLSX import as the API offers it (docs/import.md): the file goes to POST /imports/upload
// (upload.ts), everything else through these documents.

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'UNDOING' | 'UNDONE';
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface ImportColumn {
  column: string;
  fieldKey: string | null;
  matchBy: string | null;
}

export interface ImportSettings {
  columns: ImportColumn[];
  uniqueFieldKey: string | null;
  dateOrder: DateOrder;
  decimalSeparator: string;
}

export interface ImportRowError {
  line: number;
  column: string | null;
  fieldKey: string | null;
  message: string;
}

export interface ImportPreview {
  totalRows: number;
  toCreate: number;
  toUpdate: number;
  errorCount: number;
  errors: ImportRowError[];
  rows: { lines: number[]; values: Record<string, unknown>; recordId: string | null }[];
}

export interface ImportRun {
  id: string;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  error: string | null;
  createdAt: string;
}

export interface ImportMapping extends ImportSettings {
  id: string;
  name: string;
}

const runFields = 'id fileName status totalRows processedRows created updated skipped error createdAt';
const settingsFields = 'columns { column fieldKey matchBy } uniqueFieldKey dateOrder decimalSeparator';

export const SUGGEST_MAPPING: TypedDocumentNode<
  { suggestImportMapping: ImportColumn[] },
  { uploadId: string; objectKey: string }
> = gql`
  query SuggestImportMapping($uploadId: ID!, $objectKey: String!) {
    suggestImportMapping(uploadId: $uploadId, objectKey: $objectKey) {
      column
      fieldKey
      matchBy
    }
  }
`;

export const IMPORT_PREVIEW: TypedDocumentNode<{ importPreview: ImportPreview }, { input: object }> = gql`
  query ImportPreview($input: ImportInput!) {
    importPreview(input: $input) {
      totalRows
      toCreate
      toUpdate
      errorCount
      errors {
        line
        column
        fieldKey
        message
      }
      rows {
        lines
        values
        recordId
      }
    }
  }
`;

export const START_IMPORT: TypedDocumentNode<{ startImport: ImportRun }, { input: object }> = gql`
  mutation StartImport($input: ImportInput!) { startImport(input: $input) { ${runFields} } }
`;

export const UNDO_IMPORT: TypedDocumentNode<{ undoImport: ImportRun }, { id: string }> = gql`
  mutation UndoImport($id: ID!) { undoImport(id: $id) { ${runFields} } }
`;

export const IMPORT_RUNS: TypedDocumentNode<{ importRuns: ImportRun[] }, { objectKey: string }> = gql`
  query ImportRuns($objectKey: String!) { importRuns(objectKey: $objectKey) { ${runFields} } }
`;

export const IMPORT_PROGRESS: TypedDocumentNode<{ importProgress: ImportRun }, { id: string }> = gql`
  subscription ImportProgress($id: ID!) { importProgress(id: $id) { ${runFields} } }
`;

export const IMPORT_MAPPINGS: TypedDocumentNode<{ importMappings: ImportMapping[] }, { objectKey: string }> =
  gql`
  query ImportMappings($objectKey: String!) { importMappings(objectKey: $objectKey) { id name ${settingsFields} } }
`;

export const SAVE_MAPPING: TypedDocumentNode<{ saveImportMapping: ImportMapping }, { input: object }> = gql`
  mutation SaveImportMapping($input: ImportMappingInput!) { saveImportMapping(input: $input) { id name ${settingsFields} } }
`;
