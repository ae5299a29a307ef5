import type { Translation } from '../../messages';
import type en from '../en/reportsForecast';

export default {
  title: 'Prognose',
  none: 'Noch kein Objekt hat eine Pipeline. Ein Administrator kann eine unter Verwaltung → Pipelines anlegen.',
  includeClosed: 'Gewonnene und verlorene einbeziehen',
  missingFields:
    'Eine Prognose braucht bei {objects} ein Betragsfeld (Währung oder Zahl) und ein Feld für das Abschlussdatum.',
  unweighted: 'Ungewichtet',
  weighted: 'Gewichtet',
  byCloseMonth: 'Nach Abschlussmonat',
  byOwner: 'Nach Verantwortlichem',
  weightedByMonthAndStage: 'Gewichtet nach Monat und Phase',
  byCloseMonthTable: 'Nach Abschlussmonat (Tabelle)',
  closeMonth: 'Abschlussmonat',
  owner: 'Verantwortlich',
  stage: 'Phase',
  noCloseDate: 'Ohne Abschlussdatum',
  noOwner: 'Ohne Verantwortlichen',
} satisfies Translation<typeof en>;
