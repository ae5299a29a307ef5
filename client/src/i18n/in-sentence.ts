import { currentLanguage } from './i18n';
import { localeTag } from './format';

/**
 * A label (an object's "Deals", a field's "Owner") placed inside a sentence: lower case, as
 * English, Italian and Chinese write a common noun there; German keeps its nouns capitalised.
 */
export function inSentence(label: string): string {
  return currentLanguage.value === 'de' ? label : label.toLocaleLowerCase(localeTag());
}
