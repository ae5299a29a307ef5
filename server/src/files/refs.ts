import type { EntityManager } from '@mikro-orm/postgresql';
import { liveFiles, type FileRow } from './rows.js';
import type { FilesSettings } from './services.js';
import { expiryFor, signedPath } from './signing.js';

/** A file as FILE and IMAGE fields show it; its links are signed for the reader's workspace. */
export interface FileRefValue {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

export function fileRef(settings: FilesSettings, row: FileRow, nowMs = Date.now()): FileRefValue {
  const expires = expiryFor(nowMs, settings.urlTtlSeconds);
  const link = (variant: string) =>
    signedPath(settings.signingKey, { fileId: row.id, variant, workspaceId: row.workspace_id, expires });
  const isImage = row.variants.includes('thumb');
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    url: link(isImage ? 'web' : 'original'),
    thumbUrl: isImage ? link('thumb') : null,
  };
}

/** The records API's loader of FILE and IMAGE values (records' `FileRefs`). */
export function fileRefLoader(settings: FilesSettings) {
  return {
    async load(em: EntityManager, workspaceId: string, ids: readonly string[]) {
      const rows = await liveFiles(em, workspaceId, ids);
      return new Map<string, object>(rows.map((row) => [row.id, fileRef(settings, row)]));
    },
  };
}
