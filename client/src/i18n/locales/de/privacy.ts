import type { Translation } from '../../messages';
import type en from '../en/privacy';

export default {
  menu: 'Datenschutz',
  export: 'Personenbezogene Daten exportieren',
  erase: 'Personenbezogene Daten löschen',
  erased:
    'Personenbezogene Daten gelöscht: {fields} Felder, {relatedRecords} verknüpfte Datensätze, {comments} Kommentare, {emails} E-Mails.',
  dialog: {
    title: 'Personenbezogene Daten löschen',
    body: 'Name, E-Mail, Telefon, Adresse und Texte von „{label}“ werden hier anonymisiert, ebenso im Verlauf, in Kommentaren, E-Mails und verknüpften Datensätzen. Zahlen, Beträge, Daten und Verknüpfungen bleiben erhalten. Dies kann nicht rückgängig gemacht werden.',
    confirm: 'Geben Sie zur Bestätigung {word} ein',
    submit: 'Löschen',
  },
} satisfies Translation<typeof en>;
