/** Privacy requests on a record page: export and erasure of a person's data. */
export default {
  menu: 'Privacy',
  export: 'Export personal data',
  erase: 'Erase personal data',
  erased:
    'Personal data erased: {fields} fields, {relatedRecords} related records, {comments} comments, {emails} e-mails.',
  dialog: {
    title: 'Erase personal data',
    body: 'The name, e-mail, phone, address and texts of “{label}” are anonymised here, in its history, comments, e-mails and related records. Numbers, amounts, dates and relations stay. This cannot be undone.',
    confirm: 'Type {word} to confirm',
    submit: 'Erase',
  },
};
