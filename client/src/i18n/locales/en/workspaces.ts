/** The workspace switcher, the member list and the roles' names. */
export default {
  roles: { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member', VIEWER: 'Viewer' },
  switcher: {
    label: 'Workspace',
    none: 'No workspace',
    new: 'New workspace…',
    name: 'Workspace name',
    creating: 'Creating…',
  },
  members: {
    loading: 'Loading members…',
    empty: 'No members yet.',
  },
};
