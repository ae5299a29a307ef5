import type { TestClient } from './client.js';

// Imports through their real doors: the multipart upload and the GraphQL API.

export interface UploadAnswer {
  status: number;
  body: {
    upload?: { id: string; headers: string[]; rowCount: number; encoding: string; format: string };
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** POST /imports/upload with `data` as the multipart field `file`. */
export async function uploadFile(
  client: TestClient,
  name: string,
  data: Uint8Array | string,
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name);
  const response = await fetch(`${client.server.url}/imports/upload`, {
    method: 'POST',
    headers: client.authHeaders(),
    body: form,
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
}

export const runFields = 'id status totalRows processedRows created updated skipped error';

export interface ImportRunState {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  error: string | null;
}

export const previewQuery = /* GraphQL */ `
  query ($input: ImportInput!) {
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
