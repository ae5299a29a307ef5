// Files: FILE and IMAGE fields in the client — upload with progress, the gallery with its
// order and cover, the lightbox, and board cards' covers (docs/files.md).
export { default as CardCover } from './CardCover.vue';
export { default as FileDisplay } from './FileDisplay.vue';
export { default as FileFieldEditor } from './FileFieldEditor.vue';
export { default as FileGallery } from './FileGallery.vue';
export { fileIds, fileRefSelection, fileSizeLabel, moveId, type FileRef } from './file-refs';
export { inlineFileBlob, saveInlineFile, type InlineFile } from './inline-file';
