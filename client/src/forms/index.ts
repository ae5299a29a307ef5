// Forms: the shared form field, submit handling and the wording of server errors, and the
// loaded list (error, loading and empty states) the admin and account screens share.
export { describeError, type DescribedError } from './describe-error';
export { default as FieldError } from './FieldError.vue';
export { default as FormError } from './FormError.vue';
export { default as FormField } from './FormField.vue';
export { default as LoadedList } from './LoadedList.vue';
export { useErrorMessage } from './use-error-message';
export { fieldFailureOf, useFieldFailure, type FieldFailure } from './use-field-failure';
export { useFormSubmit } from './use-form-submit';
export { useLatestSaves } from './use-latest-saves';
