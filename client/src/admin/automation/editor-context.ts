import { inject, provide, type InjectionKey } from 'vue';

// The rule editor's parts find the server's message for their own path here, however deep
// they sit (a value of an action inside a branch).
type ErrorAt = (path: string) => string | null;
const errorKey: InjectionKey<ErrorAt> = Symbol('automation-rule-error');

export function provideRuleErrors(errorAt: ErrorAt): void {
  provide(errorKey, errorAt);
}

export function useRuleErrors(): ErrorAt {
  return inject(errorKey, () => null);
}
