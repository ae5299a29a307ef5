import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The browser's full-screen mode for one element (an office or showroom screen). */
export function useFullscreen(element: Ref<HTMLElement | null>) {
  const active = ref(false);
  const sync = () => (active.value = !!element.value && document.fullscreenElement === element.value);
  onMounted(() => document.addEventListener('fullscreenchange', sync));
  onBeforeUnmount(() => document.removeEventListener('fullscreenchange', sync));
  return { active, toggle };

  async function toggle() {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await element.value?.requestFullscreen();
  }
}
