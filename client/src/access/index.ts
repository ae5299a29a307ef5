// Access on the record page: who a record is shared with, and sharing it.
export { default as ShareRecordDialog } from './ShareRecordDialog.vue';
