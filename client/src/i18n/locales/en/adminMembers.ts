/** Members, invitations, two-factor and single sign-on (admin/members). */
export default {
  members: {
    title: 'Members',
    loading: 'Loading members…',
    role: 'Role',
    remove: 'Remove',
    refused: 'Refused.',
  },
  invite: {
    title: 'Invite',
    email: 'E-mail',
    role: 'Role',
    submit: 'Invite',
    token: 'Send this invitation code to the invitee (shown once); they enter it when signing up:',
    pending: 'Pending invitations',
    none: 'None.',
    until: '{role}, until {date}',
    revoke: 'Revoke',
  },
  twoFactor: {
    title: 'Two-factor sign-in',
    require: 'Require two-factor sign-in of every member',
    hint: 'Members without it are refused this workspace’s data until they set it up on their {link}; you need it yourself first.',
    link: 'sign-in security page',
  },
  sso: {
    title: 'Single sign-on',
    intro: 'People sign in through your OpenID Connect provider. Register this redirect URI there:',
    unavailable:
      'The server has no SSO_SECRET_KEY, which seals the client secret: ask whoever runs it to set one.',
    issuer: 'Issuer URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    secretSaved: 'Saved; type a new one to replace it',
    domains: 'E-mail domains that may join',
    joinRole: 'Role of people who join',
    hint: 'Members sign in with their provider whatever their domain; people of these domains who are not members yet join with this role. Single sign-on sessions reach this workspace only, and the provider is responsible for their second factor.',
    checking: 'Checking the provider…',
    turnOff: 'Turn off',
  },
};
