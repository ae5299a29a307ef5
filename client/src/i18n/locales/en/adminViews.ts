/** Admin › Views: the saved views of an object, shared with the workspace or private. */
export default {
  heading: 'Saved views of',
  object: 'Object',
  loading: 'Loading views…',
  empty: 'No saved views yet. Save one from a table with “Save as…”.',
  types: { TABLE: 'table', BOARD: 'board', CALENDAR: 'calendar' },
  by: 'by {name}',
  shared: 'Shared',
  private: 'Private',
  makePrivate: 'Make private',
  share: 'Share with workspace',
};
