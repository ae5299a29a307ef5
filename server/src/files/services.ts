import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { FileStore } from './file-store.js';

/** How this server stores and signs files (docs/files.md). */
export interface FilesSettings {
  store: FileStore;
  maxFileBytes: number;
  urlTtlSeconds: number;
  signingKey: Buffer;
}

/** What the files module needs from the app. */
export interface FilesServices {
  files: FilesSettings;
  metadataCache: MetadataCache;
}

export type FilesContext = RequestContext<FilesServices>;
