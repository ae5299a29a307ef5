import type { Translation } from '../../messages';
import type en from '../en/adminTranslations';

export default {
  heading: 'Traduzioni',
  object: 'Oggetto',
  language: 'Lingua',
  hint: 'Le etichette in un’altra lingua, accanto ai testi predefiniti. Una traduzione vuota mostra il testo predefinito; ognuno vede le etichette nella lingua che ha scelto.',
  columns: {
    kind: 'Cosa',
    default: 'Predefinito',
    translation: 'Traduzione',
  },
  inputLabel: 'Traduzione di «{label}»',
  saved: 'Salvato.',
  kinds: {
    object: 'Oggetto',
    field: 'Campo',
    helpText: 'Testo di aiuto',
    choice: 'Opzione',
    stage: 'Fase',
    pipeline: 'Pipeline',
    view: 'Vista',
  },
} satisfies Translation<typeof en>;
