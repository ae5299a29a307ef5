/** A received e-mail on a record's timeline. */
export default {
  unknownSender: 'Unknown sender',
  noSubject: '(no subject)',
  wrote: '{sender} wrote {subject}',
  replyTo: '· reply to “{subject}”',
  aMessageWeSent: 'a message we sent',
  recordCreated: '· record created from this message',
  showLess: 'Show less',
  showAll: 'Show all',
};
