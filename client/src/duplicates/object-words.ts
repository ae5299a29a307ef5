import { currentLanguage } from '../i18n';

/**
 * An object's plural label inside a sentence ("Duplicate people", "Merge 2 companies"): lower
 * case where the language writes nouns so, as written where it capitalises them (German).
 */
export function inSentence(label: string): string {
  return currentLanguage.value === 'de' ? label : label.toLowerCase();
}
