// Files: FILE and IMAGE field values — streamed uploads checked by content, image versions,
// storage (local disk or an S3 bucket), signed short-lived download links, and deletion with the record.
export { FileResolver } from './graphql/resolver.js';
export { FileRefType } from './graphql/types.js';
export { DiskFileStore, type FileStore } from './file-store.js';
export { openFileStore } from './open-file-store.js';
export { filesTasks, scheduleFilesPurge } from './purge.js';
export { fileDownloadRoute, fileUploadRoute } from './http.js';
export { fileMigrations } from './migrations/index.js';
export { fileRecordHooks } from './record-hooks.js';
export { processImage } from './images.js';
export type { FilesServices, FilesSettings } from './services.js';
export { addServerFile, type ServerFile } from './server-files.js';
export { storeFieldFile, type IncomingFile } from './field-file.js';
export { fileRefLoader, type FileRefValue } from './refs.js';
export { readStoredFile, recordFiles, storedFiles, type StoredFile } from './stored-files.js';
