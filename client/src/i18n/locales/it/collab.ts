import type { Translation } from '../../messages';
import type en from '../en/collab';

export default {
  alsoHere: 'Presenti anche',
  isHere: '{name} è qui',
  isEditing: '{name} sta modificando {field}',
  editingNow: '{names} sta modificando | {names} stanno modificando',
  connecting: 'Connessione in corso…',
  unavailable: 'La modifica condivisa non è disponibile: {reason}',
} satisfies Translation<typeof en>;
