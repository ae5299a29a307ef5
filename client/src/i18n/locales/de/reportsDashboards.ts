import type { Translation } from '../../messages';
import type en from '../en/reportsDashboards';

export default {
  list: {
    title: 'Dashboards',
    reports: 'Berichte',
    widgets: '{n} Widget | {n} Widgets',
    shared: 'geteilt',
    private: 'privat',
    empty: 'Noch keine Dashboards.',
    newName: 'Neues Dashboard',
    newNameLabel: 'Name des neuen Dashboards',
    sharedOption: 'Geteilt',
  },
  page: {
    shared: 'Geteilt',
    private: 'Privat',
    allDashboards: 'Alle Dashboards',
    addReport: '+ Bericht',
    done: 'Fertig',
    editLayout: 'Layout bearbeiten',
    fullscreen: 'Vollbild',
    leaveFullscreen: 'Vollbild beenden',
    pdf: 'PDF',
    empty: 'Noch keine Widgets: Erstellen Sie einen Bericht und fügen Sie ihn diesem Dashboard hinzu.',
  },
  widget: {
    chart: 'Diagramm',
    open: 'Öffnen',
    report: 'Bericht',
  },
  filters: {
    dateRange: 'Zeitraum',
    from: 'Von',
    to: 'Bis',
    members: '{n} Mitglied | {n} Mitglieder',
    allMembers: 'Alle Mitglieder',
  },
  presets: {
    ANY: 'Gesamter Zeitraum',
    TODAY: 'Heute',
    THIS_WEEK: 'Diese Woche',
    THIS_MONTH: 'Dieser Monat',
    LAST_MONTH: 'Letzter Monat',
    THIS_QUARTER: 'Dieses Quartal',
    THIS_YEAR: 'Dieses Jahr',
    LAST_12_MONTHS: 'Letzte 12 Monate',
    CUSTOM: 'Zeitraum wählen…',
  },
} satisfies Translation<typeof en>;
