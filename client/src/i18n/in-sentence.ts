import { currentLanguage } from './i18n';

/**
 * An object or field label placed inside a sentence ("All viewings", "By close date"). English
 * and Italian write common nouns in lower case mid-sentence; German capitalises every noun and
 * Chinese has no case, so there the label stays as the admin wrote it.
 */
export function inSentence(label: string): string {
  return currentLanguage.value === 'en' || currentLanguage.value === 'it' ? label.toLowerCase() : label;
}
