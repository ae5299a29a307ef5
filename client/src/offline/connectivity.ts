import { readonly, ref } from 'vue';

/**
 * Whether the browser has a connection (`navigator.onLine` and its events): offline, pages show
 * their saved copies and editing is off; back online, they read again.
 */
const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
/** When the copy on screen was read from the server, while offline; null when none is shown. */
const shownCopyAt = ref<string | null>(null);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true));
  window.addEventListener('offline', () => (online.value = false));
}

export const connectivity = {
  online: readonly(online),
  shownCopyAt: readonly(shownCopyAt),
  /** A page shows a saved copy read at `savedAt` (null: it shows nothing saved any more). */
  showingCopy(savedAt: string | null): void {
    shownCopyAt.value = savedAt;
  },
};
