/** The calendar of an object's records by one of its date fields (calendar/). */
export default {
  unknownObject: 'There is no object “{key}”.',
  table: 'Table',
  view: 'Calendar view',
  allRecords: 'All {objects}',
  field: 'Date field',
  byField: 'By {field}',
  noDateField: '{objects} have no date field to place them on a calendar. An admin can add one.',
  previous: '‹ Previous',
  today: 'Today',
  next: 'Next ›',
  tooMany: 'Showing the first {shown} of {total}: narrow it with a view.',
  empty: 'No {objects} by {field} in {month}.',
  emptyNoField: 'No {objects} in {month}.',
  newOn: 'New {object} on {date}',
};
