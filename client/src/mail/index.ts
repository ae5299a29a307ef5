// E-mail as members meet it: the record page's "Send e-mail" dialog with its preview, the
// timeline's e-mail entries, and the documents the admin's template editor shares.
export { default as MailPreviewPane } from './MailPreviewPane.vue';
export { default as SendMailDialog } from './SendMailDialog.vue';
export { default as TimelineEmailEntry } from './TimelineEmailEntry.vue';
export * from './operations';
import { defineAsyncComponent } from 'vue';
/** The template body's rich-text editor, in a chunk of its own (Tiptap): loaded by the admin screen only. */
export const RichTextEditor = defineAsyncComponent(() => import('./rich-text/RichTextEditor.vue'));
