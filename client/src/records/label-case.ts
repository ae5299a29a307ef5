import { currentLanguage } from '../i18n';

/**
 * An object's or field's label inside a sentence ("No companies yet", "Find company…"): English
 * and Italian write common nouns in lower case mid-sentence, German capitalises every noun and
 * Chinese has no case, so the label is lowered only where the language does so.
 */
export function inSentence(label: string): string {
  return currentLanguage.value === 'en' || currentLanguage.value === 'it' ? label.toLowerCase() : label;
}
