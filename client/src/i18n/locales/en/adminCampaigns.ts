/** Campaigns and the suppression list (admin/campaigns). */
export default {
  list: {
    title: 'Campaigns',
    intro:
      'Mail to the records of a saved view. Every message carries an unsubscribe link; unsubscribed and suppressed addresses are skipped. Opens are not tracked.',
    empty: 'No campaigns yet.',
    deletedView: 'deleted view',
    counts:
      '{sent}/{recipients} sent · {queued} queued · {failed} failed · {bounced} bounced · {unsubscribed} unsubscribed · {suppressed} suppressed · {noAddress} without address',
    cancel: 'Cancel',
  },
  status: {
    SCHEDULED: 'scheduled',
    QUEUEING: 'queueing',
    SENDING: 'sending',
    DONE: 'done',
    FAILED: 'failed',
    CANCELLED: 'cancelled',
  },
  form: {
    title: 'New campaign',
    name: 'Name',
    audience: 'Audience (saved view)',
    chooseView: 'Choose a view',
    template: 'Template',
    noTemplate: 'None: write the message below',
    subject: 'Subject',
    message: 'Message',
    sendAt: 'Send at (empty: now)',
    throttle: 'At most (empty: no limit)',
    per: 'per',
    perMinute: 'per minute',
    perSecond: 'per second',
    create: 'Create campaign',
  },
  suppression: {
    title: 'Suppression list',
    intro: 'No mail of this workspace goes to these addresses (account mail such as invitations excepted).',
    add: 'Add addresses (separated by spaces or commas)',
    suppress: 'Suppress',
    search: 'Search',
    remove: 'Remove',
    reason: {
      ADMIN: 'added by an admin',
      UNSUBSCRIBED: 'unsubscribed',
      BOUNCED: 'bounced',
    },
  },
};
