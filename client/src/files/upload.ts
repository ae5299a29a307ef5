import { workspaceSelection } from '../auth';
import { i18n } from '../i18n';
import type { FileRef } from './file-refs';

/**
 * Sends one file to POST /files for an object's field, reporting the share sent (0–1);
 * rejects with the server's message (too large, a type the field does not take).
 */
export function uploadFile(
  target: { object: string; field: string },
  file: File,
  onProgress: (share: number) => void,
): Promise<FileRef> {
  const form = new FormData();
  form.append('file', file, file.name);
  const request = new XMLHttpRequest();
  request.open('POST', `/files?${new URLSearchParams(target).toString()}`);
  const workspaceId = workspaceSelection.selectedId.value;
  if (workspaceId) request.setRequestHeader('x-workspace-id', workspaceId);
  request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
  return new Promise((resolve, reject) => {
    request.onload = () => {
      const body = JSON.parse(request.responseText || '{}') as {
        file?: FileRef;
        errors?: { message: string }[];
      };
      if (request.status === 201 && body.file) resolve(body.file);
      else
        reject(
          new Error(
            body.errors?.[0]?.message ?? i18n.global.t('files.upload.failed', { status: request.status }),
          ),
        );
    };
    request.onerror = () => reject(new Error(i18n.global.t('files.upload.interrupted')));
    request.send(form);
  });
}
