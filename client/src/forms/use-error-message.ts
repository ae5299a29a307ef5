import { computed, type Ref } from 'vue';
import { describeError } from './describe-error';

/** A query's error as the sentence a screen shows, or null while there is none. */
export function useErrorMessage(error: Ref<unknown>) {
  return computed(() => (error.value ? describeError(error.value).message : null));
}
