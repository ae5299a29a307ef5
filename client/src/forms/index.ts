// Forms: the shared form field, submit handling and the wording of server errors.
export { describeError } from './describe-error';
export { default as FormField } from './FormField.vue';
export { useFormSubmit } from './use-form-submit';
