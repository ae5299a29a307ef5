/** Webhooks and their delivery log (admin/webhooks). */
export default {
  list: {
    title: 'Webhooks',
    intro: 'Record events POSTed as signed JSON to your URL (header {header}), retried for 24 h.',
    empty: 'No webhooks yet.',
    everyObject: 'every object',
    everyEvent: 'every event',
    enabled: 'Enabled',
    deliveries: 'Deliveries',
    hideDeliveries: 'Hide deliveries',
    newSecret: 'New secret',
    secret: 'Signing secret (shown once; keep it with your receiver):',
    refused: 'Refused.',
  },
  /** Record events, as a webhook filters on them and a delivery names them. */
  events: {
    CREATE: 'create',
    UPDATE: 'update',
    DELETE: 'delete',
    RESTORE: 'restore',
  },
  form: {
    title: 'New webhook',
    name: 'Name',
    url: 'URL',
    objects: 'Objects (none: every object)',
    events: 'Events (none: every event)',
    create: 'Create webhook',
  },
  deliveries: {
    replayAfter: 'Send again every change after change id',
    replay: 'Replay',
    empty: 'No deliveries yet.',
    change: 'Change',
    event: 'Event',
    status: 'Status',
    attempts: 'Attempts',
    answer: 'Answer',
    objectEvent: '{object} {event}',
    redeliver: 'Redeliver',
    statuses: {
      PENDING: 'pending',
      DELIVERED: 'delivered',
      RETRYING: 'retrying',
      FAILED: 'failed',
    },
  },
};
