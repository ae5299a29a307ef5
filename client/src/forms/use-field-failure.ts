import { computed, ref } from 'vue';
import { describeError } from './describe-error';

/** A refused write: the server's message and the input it names (null: the form as a whole). */
export interface FieldFailure {
  message: string;
  field: string | null;
}

/**
 * A form's last refusal, shown beside the input it names (`errorOf`) or, when it names none of
 * `fields` (the inputs the form shows), as the form's own message (`general`), so no message is lost.
 */
export function useFieldFailure(fields: readonly string[]) {
  const failure = ref<FieldFailure | null>(null);
  const errorOf = (field: string) => (failure.value?.field === field ? failure.value.message : null);
  const general = computed(() => {
    const held = failure.value;
    return held && !(held.field && fields.includes(held.field)) ? held.message : null;
  });
  return { failure, errorOf, general };
}

/** A thrown GraphQL error as a refusal naming the last part of its argument path. */
export function fieldFailureOf(error: unknown): FieldFailure {
  const described = describeError(error);
  return { message: described.message, field: described.argumentPath?.at(-1) ?? null };
}
