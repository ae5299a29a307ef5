/** Permission profiles, members' profiles, teams and granting fields (admin/permissions). */
export default {
  profiles: {
    title: 'Permission profiles',
    intro:
      'A profile narrows which records members and viewers reach per object and which fields they see or edit. The role still caps: a viewer never writes.',
    everything: 'Everything; no profile applies.',
    builtInReadOnly: 'built in, read-only',
    builtIn: 'built in',
    loading: 'Loading profiles…',
    reset: 'Reset',
    new: 'New profile',
    objectRules: '{n} object rule | {n} object rules',
    restrictedFields: '{n} restricted field | {n} restricted fields',
    summary: '{objectRules}, {restrictedFields}; others: read {scope}',
  },
  /** Whose records a rule reaches. */
  scopes: {
    NONE: 'none',
    OWN: 'own',
    TEAM: 'team',
    ALL: 'all',
  },
  access: {
    EDITABLE: 'editable',
    READ_ONLY: 'read-only',
    HIDDEN: 'hidden',
  },
  editor: {
    name: 'Name',
    object: 'Object',
    read: 'Read',
    create: 'Create',
    update: 'Update',
    delete: 'Delete',
    otherObjects: 'Other objects (default)',
    ruleLabel: '{object}: {action}',
    fieldsOf: '{object} fields',
    save: 'Save profile',
  },
  memberProfiles: {
    title: 'Members’ profiles',
    loading: 'Loading members…',
    profile: 'Profile',
    roleDefault: 'Role’s default',
    everything: 'Sees and changes everything',
  },
  teams: {
    title: 'Teams',
    empty: 'No teams yet.',
    inParent: 'in {team}',
    noMembers: 'no members',
    new: 'New team',
    name: 'Name',
    parent: 'Parent team',
    members: 'Members',
    create: 'Create team',
    save: 'Save team',
  },
  granting: {
    title: 'Granting fields',
    intro:
      'A record is a member’s “own” when its owner is them, or one of the fields ticked here names them.',
    empty: 'No object has a user field besides its owner.',
  },
};
