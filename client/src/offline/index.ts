// Offline: whether the browser is connected, and the saved copies (the last opened records and
// the session that shows them) that pages read when it is not.
export { connectivity } from './connectivity';
export { forgetCopiesOnSignOut, restoreOfflineSession } from './offline-copies';
export { useSavedCopy } from './use-saved-copy';
export { default as OfflineBanner } from './OfflineBanner.vue';
