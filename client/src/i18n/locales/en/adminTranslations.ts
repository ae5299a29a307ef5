export default {
  heading: 'Translations',
  object: 'Object',
  language: 'Language',
  hint: 'Labels in another language, beside their defaults. An empty translation shows the default; people see the labels in the language they chose.',
  columns: {
    kind: 'What',
    default: 'Default',
    translation: 'Translation',
  },
  inputLabel: 'Translation of “{label}”',
  saved: 'Saved.',
  kinds: {
    object: 'Object',
    field: 'Field',
    helpText: 'Help text',
    choice: 'Option',
    stage: 'Stage',
    pipeline: 'Pipeline',
    view: 'View',
  },
};
