/** The home page, My day. */
export default {
  title: 'My day',
  noWorkspace:
    'You are not in any workspace yet. Choose “New workspace…” in the workspace menu to create one.',
  zone: '({zone}, {change})',
  change: 'change',
  tasks: {
    title: 'Tasks due today or overdue',
    none: 'This workspace has no tasks with an assignee and a due date.',
  },
  appointments: {
    title: 'Appointments, next day | Appointments, next {n} days',
    none: 'No calendar in this workspace is yours.',
  },
  notifications: {
    title: 'Recent notifications',
    none: 'No notifications.',
    reminder: 'Reminder',
  },
  deals: {
    title: 'My open {objects}',
    titleDefault: 'My open deals',
    none: 'This workspace has no deals.',
    empty: 'No open {objects}.',
  },
  members: 'Members',
  list: {
    empty: 'Nothing here.',
    more: 'More in {objects}…',
  },
};
