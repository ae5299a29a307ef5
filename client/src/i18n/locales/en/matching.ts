/** A record's matches (listings for a buyer, buyers for a listing). */
export default {
  title: 'Matches',
  empty: 'No matches.',
  emailThem: 'E-mail these matches',
  queued: 'E-mail queued with no matches. | E-mail queued with {n} match. | E-mail queued with {n} matches.',
};
