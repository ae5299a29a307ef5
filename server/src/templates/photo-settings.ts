import type { FileStore } from '../files/index.js';

/** Where a template's photos are stored (the files module's store) and what fetching one by URL may reach. */
export interface TemplatePhotoSettings {
  store: FileStore;
  /** The largest photo fetched by URL (FILES_MAX_MB). */
  maxFileBytes: number;
  /** Private hosts a photo URL may name (FILES_IMPORT_ALLOWED_HOSTS); public ones need no listing. */
  allowedHosts: readonly string[];
}
