/** The objects list and the object form (admin/objects). */
export default {
  list: {
    title: 'Objects',
    newObject: 'New object',
    loading: 'Loading objects…',
    fieldCount: 'no fields | {n} field | {n} fields',
    standard: 'standard',
    fields: 'Fields',
    archive: 'Archive',
    restore: 'Restore',
    archived: 'Archived objects',
    refused: 'Refused.',
  },
  form: {
    singular: 'Name (singular)',
    plural: 'Name (plural)',
    /** The plural suggested from the singular; other languages may leave it empty. */
    pluralSuggestion: '{singular}s',
    apiKey: 'API key',
    icon: 'Icon',
    labelField: 'Record name field',
    description: 'Description',
    create: 'Create object',
  },
};
