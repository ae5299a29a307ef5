/** The reminders of a date field (admin/reminders). */
export default {
  editor: {
    title: 'Reminders',
    none: 'none',
    add: 'Add reminder',
    remove: 'Remove',
    before: 'Before “{field}”',
    units: {
      minutes: 'minutes',
      hours: 'hours',
      days: 'days',
    },
    timeOfDay: 'At (time of day)',
    onTheDayAt: 'On the day at (optional)',
    remind: 'Remind',
    noUsers: 'This object has no user field to remind.',
    until: 'Until',
    always: 'always remind',
    fieldIs: '{field} is…',
    doneWhen: 'Done when it is',
    save: 'Save reminder',
  },
  /** A rule in words: “1 hour before, to Assignee, until Status is Done or Cancelled”. */
  words: {
    lead: {
      minutes: '{n} minute | {n} minutes',
      hours: '{n} hour | {n} hours',
      days: '{n} day | {n} days',
    },
    before: '{lead} before',
    atTheTime: 'At the time',
    onTheDayAt: 'On the day at {time}',
    beforeAt: '{when} (at {time})',
    sentence: '{when}, to {recipients}',
    sentenceUntil: '{when}, to {recipients}, until {field} is {values}',
  },
};
