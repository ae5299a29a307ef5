import type { Translation } from '../../messages';
import type en from '../en/shell';

export default {
  menu: 'Menu',
  workspaceNavigation: 'Spazio di lavoro',
  objects: 'Oggetti',
  boards: 'Bacheche',
  boardOf: 'Bacheca: {objects}',
  analytics: 'Analisi',
  dashboards: 'Dashboard',
  reports: 'Report',
  forecast: 'Previsione',
  pipelineAnalytics: 'Analisi della pipeline',
  calendars: 'Calendari',
  settings: 'Impostazioni',
  admin: 'Amministrazione',
  recent: 'Recenti',
  search: {
    placeholder: 'Cerca…  ( / )',
    label: 'Cerca in tutti i record',
    empty: 'Nessun risultato.',
  },
} satisfies Translation<typeof en>;
