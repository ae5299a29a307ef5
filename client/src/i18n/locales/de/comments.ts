import type { Translation } from '../../messages';
import type en from '../en/comments';

export default {
  title: 'Kommentare',
  follow: 'Folgen',
  following: 'Gefolgt',
  loading: 'Kommentare werden geladen…',
  empty: 'Noch keine Kommentare.',
  formerMember: 'Ein ehemaliges Mitglied',
  edited: '(bearbeitet)',
  showMore: 'Mehr anzeigen',
  submit: 'Kommentieren',
  confirmDelete: 'Diesen Kommentar löschen?',
  placeholder: 'Kommentar schreiben… mit {at} erwähnen Sie jemanden',
  inputLabel: 'Kommentar',
  someone: 'jemand',
} satisfies Translation<typeof en>;
