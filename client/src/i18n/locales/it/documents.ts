import type { Translation } from '../../messages';
import type en from '../en/documents';

export default {
  title: 'Documenti',
  template: 'Modello',
  prepare: 'Prepara',
  generate: 'Genera',
  generating: 'Generazione…',
  removed: '(rimosso)',
  version: 'versione {version}',
  drafts: {
    label: 'Prepara {name}',
    title: 'Prepara «{name}»',
    reset: 'Ripristina il predefinito',
    generatePdf: 'Genera PDF',
  },
} satisfies Translation<typeof en>;
