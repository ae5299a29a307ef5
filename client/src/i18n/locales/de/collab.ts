import type { Translation } from '../../messages';
import type en from '../en/collab';

export default {
  alsoHere: 'Ebenfalls hier',
  isHere: '{name} ist hier',
  isEditing: '{name} bearbeitet {field}',
  editingNow: '{names} bearbeitet gerade | {names} bearbeiten gerade',
  connecting: 'Verbindung wird hergestellt…',
  unavailable: 'Gemeinsames Bearbeiten ist nicht verfügbar: {reason}',
} satisfies Translation<typeof en>;
