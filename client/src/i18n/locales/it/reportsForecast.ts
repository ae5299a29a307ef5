import type { Translation } from '../../messages';
import type en from '../en/reportsForecast';

export default {
  title: 'Previsione',
  none: 'Nessun oggetto ha ancora una pipeline. Un amministratore può aggiungerne una in Amministrazione → Pipeline.',
  includeClosed: 'Includi vinte e perse',
  missingFields:
    'Per una previsione servono un campo importo (valuta o numero) e un campo data di chiusura su {objects}.',
  unweighted: 'Non ponderato',
  weighted: 'Ponderato',
  byCloseMonth: 'Per mese di chiusura',
  byOwner: 'Per responsabile',
  weightedByMonthAndStage: 'Ponderato per mese e fase',
  byCloseMonthTable: 'Per mese di chiusura (tabella)',
  closeMonth: 'Mese di chiusura',
  owner: 'Responsabile',
  stage: 'Fase',
  noCloseDate: 'Senza data di chiusura',
  noOwner: 'Senza responsabile',
} satisfies Translation<typeof en>;
