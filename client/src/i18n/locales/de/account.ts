import type { Translation } from '../../messages';
import type en from '../en/account';

export default {
  language: {
    title: 'Sprache',
    hint: 'Die App, Datums- und Zahlenformate sowie die Bezeichnungen von Objekten und Feldern erscheinen in dieser Sprache.',
  },
} satisfies Translation<typeof en>;
