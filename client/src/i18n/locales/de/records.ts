import type { Translation } from '../../messages';
import type en from '../en/records';

export default {
  unknownObject: 'Es gibt kein Objekt „{key}“.',
  detail: {
    missing: '{object}: Dieser Datensatz existiert nicht oder wurde gelöscht.',
    backTo: 'Zurück zu {objects}',
    sendMail: 'E-Mail senden',
    share: 'Teilen',
    offline:
      'Bearbeiten ist gesperrt: Es besteht keine Verbindung, und Änderungen brauchen den Server. Sobald sie wieder da ist, können Sie weiterarbeiten.',
    fields: 'Felder',
    related: 'Verknüpft',
    relatedRecords: 'Verknüpfte Datensätze',
    system: 'System',
    systemFields: 'Systemfelder',
  },
} satisfies Translation<typeof en>;
