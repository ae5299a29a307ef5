// Languages: vue-i18n's instance and the language switch, the message types every locale file
// uses, and the Intl formats of dates, numbers and amounts (docs/i18n.md).
export {
  currentLanguage,
  i18n,
  languages,
  missingMessages,
  startingLanguage,
  switchLanguage,
  type Language,
} from './i18n';
export { type Translation } from './messages';
export { inSentence } from './in-sentence';
export {
  displayTimeZone,
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatMonth,
  formatNumber,
  formatRelative,
  formatTime,
  localeTag,
  weekdayNames,
  weekStart,
} from './format';
export { useI18n } from 'vue-i18n';
export { default as LanguagePicker } from './LanguagePicker.vue';
