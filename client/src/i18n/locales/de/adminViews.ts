import type { Translation } from '../../messages';
import type en from '../en/adminViews';

export default {
  heading: 'Gespeicherte Ansichten von',
  object: 'Objekt',
  loading: 'Ansichten werden geladen…',
  empty: 'Noch keine gespeicherten Ansichten. Speichern Sie eine in einer Tabelle mit „Speichern unter…“.',
  types: { TABLE: 'Tabelle', BOARD: 'Board', CALENDAR: 'Kalender' },
  by: 'von {name}',
  shared: 'Geteilt',
  private: 'Privat',
  makePrivate: 'Privat machen',
  share: 'Mit dem Arbeitsbereich teilen',
} satisfies Translation<typeof en>;
