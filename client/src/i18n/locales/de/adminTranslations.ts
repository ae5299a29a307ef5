import type { Translation } from '../../messages';
import type en from '../en/adminTranslations';

export default {
  heading: 'Übersetzungen',
  object: 'Objekt',
  language: 'Sprache',
  hint: 'Bezeichnungen in einer anderen Sprache, neben ihren Standardtexten. Eine leere Übersetzung zeigt den Standardtext; alle sehen die Bezeichnungen in ihrer gewählten Sprache.',
  columns: {
    kind: 'Was',
    default: 'Standard',
    translation: 'Übersetzung',
  },
  inputLabel: 'Übersetzung von „{label}“',
  saved: 'Gespeichert.',
  kinds: {
    object: 'Objekt',
    field: 'Feld',
    helpText: 'Hilfetext',
    choice: 'Option',
    stage: 'Phase',
    pipeline: 'Pipeline',
    view: 'Ansicht',
  },
} satisfies Translation<typeof en>;
