/** A record's timeline and its quick actions (records/record/RecordTimeline.vue, TimelineQuickActions.vue). */
export default {
  title: 'Timeline',
  kindsLabel: 'Show',
  kinds: {
    FIELD_CHANGE: 'Changes',
    STAGE_MOVE: 'Stage moves',
    TASK: 'Tasks',
    NOTE: 'Notes',
    COMMENT: 'Comments',
    AUTOMATION_RUN: 'Automation runs',
    EMAIL: 'E-mails',
    EMAIL_RECEIVED: 'Received mail',
    MERGE: 'Merges',
  },
  loading: 'Loading the timeline…',
  empty: 'Nothing here yet.',
  showMore: 'Show more',
  /** Who did it when the log has no name. */
  someone: 'Someone',
  aMember: 'a member',
  aRecord: 'a record',
  formerMember: 'A former member',
  /** {actor} and the values are shown in bold; keep the placeholders. */
  change: {
    create: '{actor} created this record',
    delete: '{actor} deleted this record',
    restore: '{actor} restored this record',
    convert: '{actor} converted a field',
    update: '{actor} changed',
    other: '{actor}: {change}',
    /** One changed field under "{actor} changed": the old value struck through. */
    line: '{field}: {from} → {to}',
    mergedFrom: '(on a record merged into this one)',
  },
  stage: {
    set: '{actor} set {field} to {to}',
    moved: '{actor} moved {field} from {from} to {to}',
  },
  merge: {
    into: '{actor} merged {n} duplicate into this record | {actor} merged {n} duplicates into this record',
    away: '{actor} merged this record into another',
    undone: '(undone)',
  },
  comment: {
    commented: '{author} commented',
    edited: '(edited)',
    show: 'Show in the thread',
    edit: 'Edit or reply in the thread',
    reply: 'Reply in the thread',
  },
  quick: {
    label: 'Quick actions',
    call: 'Log call',
    meeting: 'Log meeting',
    note: 'Add note',
    task: 'Add task',
    /** The title a logged call or meeting starts with (the person may change it). */
    callTitle: 'Call',
    meetingTitle: 'Meeting',
    title: 'Title',
    due: 'Due',
    remind: 'Remind me',
    noteText: 'Note',
    notesText: 'Notes',
  },
};
