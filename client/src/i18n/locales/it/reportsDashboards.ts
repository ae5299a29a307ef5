import type { Translation } from '../../messages';
import type en from '../en/reportsDashboards';

export default {
  list: {
    title: 'Dashboard',
    reports: 'Report',
    widgets: '{n} widget | {n} widget',
    shared: 'condivisa',
    private: 'privata',
    empty: 'Ancora nessuna dashboard.',
    newName: 'Nuova dashboard',
    newNameLabel: 'Nome della nuova dashboard',
    sharedOption: 'Condivisa',
  },
  page: {
    shared: 'Condivisa',
    private: 'Privata',
    allDashboards: 'Tutte le dashboard',
    addReport: '+ Report',
    done: 'Fine',
    editLayout: 'Modifica layout',
    fullscreen: 'Schermo intero',
    leaveFullscreen: 'Esci da schermo intero',
    pdf: 'PDF',
    empty: 'Ancora nessun widget: crea un report e aggiungilo a questa dashboard.',
  },
  widget: {
    chart: 'Grafico',
    open: 'Apri',
    report: 'Report',
  },
  filters: {
    dateRange: 'Periodo',
    from: 'Dal',
    to: 'Al',
    members: '{n} membro | {n} membri',
    allMembers: 'Tutti i membri',
  },
  presets: {
    ANY: 'Qualsiasi data',
    TODAY: 'Oggi',
    THIS_WEEK: 'Questa settimana',
    THIS_MONTH: 'Questo mese',
    LAST_MONTH: 'Il mese scorso',
    THIS_QUARTER: 'Questo trimestre',
    THIS_YEAR: 'Quest’anno',
    LAST_12_MONTHS: 'Gli ultimi 12 mesi',
    CUSTOM: 'Tra…',
  },
} satisfies Translation<typeof en>;
