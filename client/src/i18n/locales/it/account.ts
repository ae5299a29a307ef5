import type { Translation } from '../../messages';
import type en from '../en/account';

export default {
  language: {
    title: 'Lingua',
    hint: 'L’app, le date, i numeri e le etichette di oggetti e campi sono mostrati in questa lingua.',
  },
} satisfies Translation<typeof en>;
