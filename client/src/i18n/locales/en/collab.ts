/** Who else is here and live co-editing (collab/, the record page's presence). */
export default {
  alsoHere: 'Also here',
  isHere: '{name} is here',
  isEditing: '{name} is editing {field}',
  /** Beside a long-text field: the names of those typing in it. */
  editingNow: '{names} editing | {names} editing',
  connecting: 'Connecting…',
  unavailable: 'Live editing is unavailable: {reason}',
};
