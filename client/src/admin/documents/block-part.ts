import { computed, type Ref, type WritableComputedRef } from 'vue';

/** One option of a block as a v-model: writing it replaces the block with the option changed. */
export function blockPart<B extends object, K extends keyof B>(
  block: Ref<B>,
  key: K,
): WritableComputedRef<B[K]> {
  return computed({
    get: () => block.value[key],
    set: (value) => (block.value = { ...block.value, [key]: value }),
  });
}
