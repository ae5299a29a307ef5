import type { Translation } from '../../messages';
import type en from '../en/shell';

export default {
  menu: 'Menü',
  workspaceNavigation: 'Arbeitsbereich',
  objects: 'Objekte',
  boards: 'Boards',
  boardOf: 'Board: {objects}',
  analytics: 'Auswertungen',
  dashboards: 'Dashboards',
  reports: 'Berichte',
  forecast: 'Prognose',
  pipelineAnalytics: 'Pipeline-Analyse',
  calendars: 'Kalender',
  settings: 'Einstellungen',
  admin: 'Verwaltung',
  recent: 'Zuletzt geöffnet',
  search: {
    placeholder: 'Suchen…  ( / )',
    label: 'Alle Datensätze durchsuchen',
    empty: 'Keine Treffer.',
  },
} satisfies Translation<typeof en>;
