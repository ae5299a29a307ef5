/** Sharing a record with members and teams. */
export default {
  title: 'Share',
  notShared: 'Not shared with anyone.',
  team: 'Team {name}',
  canEdit: 'can edit',
  canRead: 'can read',
  with: 'With',
  choose: 'Choose a member or team',
  members: 'Members',
  teams: 'Teams',
  level: 'Level',
  read: 'Read',
  edit: 'Edit',
  submit: 'Share',
};
