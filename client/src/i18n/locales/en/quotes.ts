/** A deal's quotes: the list, the create form, the editor's header, terms and status moves. */
export default {
  panel: {
    title: 'Quotes',
    empty: 'No quotes yet.',
    untitled: 'Quote',
    validUntil: 'valid until {date}',
  },
  status: {
    DRAFT: 'Draft',
    SENT: 'Sent',
    ACCEPTED: 'Accepted',
    DECLINED: 'Declined',
    EXPIRED: 'Expired',
  },
  moves: {
    send: 'Send',
    accept: 'Accept',
    decline: 'Decline',
    markExpired: 'Mark expired',
    backToDraft: 'Back to draft',
  },
  create: {
    title: 'Title',
    currency: 'Currency',
    validUntil: 'Valid until',
    submit: 'New quote',
  },
  terms: {
    title: 'Title',
    validUntil: 'Valid until',
    changed: 'Changed by someone else: {value}',
    nothing: 'nothing',
    keepMine: 'Keep mine',
    takeTheirs: 'Take theirs',
    save: 'Save terms',
  },
  invoice: {
    make: 'Make invoice',
    issued: 'Invoice {number} issued',
    draft: 'Draft invoice created (numbered when issued)',
    issue: 'Issue',
  },
};
