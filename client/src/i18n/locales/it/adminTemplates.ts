import type { Translation } from '../../messages';
import type en from '../en/adminTemplates';

export default {
  heading: 'Modelli',
  loading: 'Caricamento modelli…',
  empty: 'Nessun modello su questo server.',
  status: {
    notInstalled: 'Non installato · versione {version}',
    upgradable: 'Versione {installed} installata · aggiornamento disponibile (versione {version})',
    installed: 'Installato (versione {installed})',
  },
  withSampleData: 'Con dati di esempio',
  previewPlan: 'Vedi piano',
  removeSamples: 'Rimuovi dati di esempio ({count})',
  upToDate: 'Già aggiornato: niente da cambiare.',
  planInstall: 'Installazione della versione {to}:',
  planUpgrade: 'Aggiornamento dalla versione {from} alla versione {to}:',
  install: 'Installa',
  upgrade: 'Aggiorna',
  installing: 'Installazione…',
  installed: 'Versione {version} installata.',
  samplesRemoved: 'Rimosso {n} record di esempio. | Rimossi {n} record di esempio.',
} satisfies Translation<typeof en>;
