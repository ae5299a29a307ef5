/** Field types, values and editors (records/fields, records/cells). */
export default {
  /** The type picker's names (records/fields/registry.ts). */
  types: {
    TEXT: 'Text',
    LONG_TEXT: 'Long text',
    NUMBER: 'Number',
    CURRENCY: 'Currency',
    PERCENT: 'Percent',
    BOOLEAN: 'Yes / no',
    DATE: 'Date',
    DATETIME: 'Date and time',
    SELECT: 'Select',
    MULTI_SELECT: 'Multi-select',
    STAGE: 'Stage',
    EMAIL: 'E-mail',
    PHONE: 'Phone',
    URL: 'URL',
    RATING: 'Rating',
    DURATION: 'Duration',
    USER: 'Member',
    RELATION: 'Relation',
    FILE: 'Files',
    IMAGE: 'Images',
  },
  /** A PERCENT value; `n` is already a formatted number. */
  percent: '{n} %',
  /** A file a pushed change names by id only. */
  file: 'file',
  empty: 'empty',
  currency: {
    amount: '{field} amount',
    code: '{field} currency',
  },
  rating: {
    star: '{n} of {max}',
    clear: 'No rating',
    stars: '{n} star | {n} stars',
  },
  relation: {
    find: 'Find {object}…',
    findRecord: 'Find record…',
    remove: 'Remove {name}',
    noMatches: 'No matches.',
  },
};
