/** A record's page and what the table and the record share (records/record, records/). */
export default {
  unknownObject: 'There is no object “{key}”.',
  detail: {
    missing: 'This {object} does not exist or was deleted.',
    backTo: 'Back to {objects}',
    sendMail: 'Send e-mail',
    share: 'Share',
    offline:
      'Editing is off: there is no connection, and changes need the server. They open again once it is back.',
    fields: 'Fields',
    related: 'Related',
    relatedRecords: 'Related records',
    system: 'System',
    systemFields: 'System fields',
  },
};
