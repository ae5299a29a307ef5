import type { Translation } from '../../messages';
import type en from '../en/adminTemplates';

export default {
  heading: 'Vorlagen',
  loading: 'Vorlagen werden geladen…',
  empty: 'Auf diesem Server gibt es keine Vorlagen.',
  status: {
    notInstalled: 'Nicht installiert · Version {version}',
    upgradable: 'Version {installed} installiert · Aktualisierung verfügbar (Version {version})',
    installed: 'Installiert (Version {installed})',
  },
  withSampleData: 'Mit Beispieldaten',
  previewPlan: 'Plan anzeigen',
  removeSamples: 'Beispieldaten entfernen ({count})',
  upToDate: 'Bereits auf dem neuesten Stand: nichts zu ändern.',
  planInstall: 'Installation von Version {to}:',
  planUpgrade: 'Aktualisierung von Version {from} auf Version {to}:',
  install: 'Installieren',
  upgrade: 'Aktualisieren',
  installing: 'Wird installiert…',
  installed: 'Version {version} installiert.',
  samplesRemoved: '{n} Beispieldatensatz entfernt. | {n} Beispieldatensätze entfernt.',
} satisfies Translation<typeof en>;
