import type { Translation } from '../../messages';
import type en from '../en/documents';

export default {
  title: 'Dokumente',
  template: 'Vorlage',
  prepare: 'Vorbereiten',
  generate: 'Erzeugen',
  generating: 'Wird erzeugt…',
  removed: '(entfernt)',
  version: 'Version {version}',
  drafts: {
    label: '{name} vorbereiten',
    title: '„{name}“ vorbereiten',
    reset: 'Auf Standard zurücksetzen',
    generatePdf: 'PDF erzeugen',
  },
} satisfies Translation<typeof en>;
