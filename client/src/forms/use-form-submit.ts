import { computed, ref } from 'vue';
import { describeError, type DescribedError } from './describe-error';

/**
 * Runs a form's action and keeps its pending state and error. A server error naming
 * one of `inputNames` belongs beside that input; any other is the form's own.
 */
export function useFormSubmit<Args extends unknown[]>(
  action: (...args: Args) => Promise<unknown>,
  inputNames: readonly string[] = [],
) {
  const pending = ref(false);
  const error = ref<DescribedError | null>(null);
  const formError = computed(() => {
    const fields = error.value?.fields ?? {};
    return inputNames.some((name) => name in fields) ? null : (error.value?.message ?? null);
  });
  return { submit, pending, error, formError, fieldError };

  function fieldError(name: string): string | null {
    return error.value?.fields[name] ?? null;
  }

  /** Resolves true when the action succeeded. */
  async function submit(...args: Args): Promise<boolean> {
    pending.value = true;
    error.value = null;
    try {
      await action(...args);
      return true;
    } catch (caught) {
      error.value = describeError(caught);
      return false;
    } finally {
      pending.value = false;
    }
  }
}
