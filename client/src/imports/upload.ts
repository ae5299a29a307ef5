import { workspaceSelection } from '../auth';
import { i18n } from '../i18n';

export interface Upload {
  id: string;
  fileName: string;
  format: string;
  encoding: string;
  headers: string[];
  rowCount: number;
}

/** Sends a file to POST /imports/upload (session cookie, selected workspace); the server's message on refusal. */
export async function uploadImportFile(file: File): Promise<Upload> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {};
  const workspaceId = workspaceSelection.selectedId.value;
  if (workspaceId) headers['x-workspace-id'] = workspaceId;
  const response = await fetch('/imports/upload', {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as {
    upload?: Upload;
    errors?: { message: string }[];
  };
  if (!response.ok || !body.upload)
    throw new Error(
      body.errors?.[0]?.message ?? i18n.global.t('imports.uploadFailed', { status: response.status }),
    );
  return body.upload;
}
