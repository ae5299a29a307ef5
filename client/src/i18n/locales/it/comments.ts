import type { Translation } from '../../messages';
import type en from '../en/comments';

export default {
  title: 'Commenti',
  follow: 'Segui',
  following: 'Segui già',
  loading: 'Caricamento dei commenti…',
  empty: 'Ancora nessun commento.',
  formerMember: 'Un ex membro',
  edited: '(modificato)',
  showMore: 'Mostra altri',
  submit: 'Commenta',
  confirmDelete: 'Eliminare questo commento?',
  placeholder: 'Scrivi un commento… digita {at} per menzionare qualcuno',
  inputLabel: 'Commento',
  someone: 'qualcuno',
} satisfies Translation<typeof en>;
