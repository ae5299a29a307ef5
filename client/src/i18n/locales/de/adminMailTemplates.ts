import type { Translation } from '../../messages';
import type en from '../en/adminMailTemplates';

export default {
  list: {
    title: 'E-Mail-Vorlagen',
    intro:
      'Betreff und Text mit Platzhaltern ({example}) für die Datensätze eines Objekts; Mitglieder wählen sie unter „E-Mail senden“ in einem Datensatz aus.',
    empty: 'Noch keine Vorlagen.',
    new: 'Neue Vorlage',
  },
  editor: {
    newTitle: 'Neue Vorlage',
    editTitle: 'Vorlage bearbeiten',
    object: 'Für',
    name: 'Name',
    subject: 'Betreff',
    body: 'Text',
    text: 'Nur-Text-Version (leer: wird aus dem HTML erzeugt)',
  },
  mergeFields: {
    title: 'Platzhalter',
    hint: 'Klicken Sie auf einen Platzhalter, um ihn an der Cursorposition einzufügen.',
  },
  preview: {
    title: 'Vorschau mit einem Datensatz',
    search: 'Datensatz nach Namen suchen',
    find: 'Suchen',
    show: 'Vorschau',
  },
} satisfies Translation<typeof en>;
