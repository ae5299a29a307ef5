/** A record's comment thread and its composer. */
export default {
  title: 'Comments',
  follow: 'Follow',
  following: 'Following',
  loading: 'Loading comments…',
  empty: 'No comments yet.',
  formerMember: 'A former member',
  edited: '(edited)',
  showMore: 'Show more',
  submit: 'Comment',
  confirmDelete: 'Delete this comment?',
  placeholder: 'Write a comment… type {at} to mention someone',
  inputLabel: 'Comment',
  someone: 'someone',
};
