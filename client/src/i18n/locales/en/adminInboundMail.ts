/** Inbound mail: the forwarding address and the IMAP mailbox (admin/inbound-mail). */
export default {
  forwarding: {
    title: 'Forwarding address',
    before: 'BCC or forward mail to',
    after: ': it is logged on the people and records whose e-mail fields hold its addresses.',
    noDomain:
      'No forwarding address: the server has no {variable}. Connect a mailbox below, or post raw messages to {path} with an admin API token.',
  },
  mailbox: {
    title: 'IMAP mailbox',
    status: '{user} on {host}:{port} ({security}), folder {folder} · last read {lastRead}',
    errorAt: '{error} ({at})',
    never: 'never',
    working: 'Working.',
    test: 'Test the login',
    sync: 'Read now',
    disconnect: 'Disconnect',
    noKey: 'The server cannot store a mailbox password: set {variable} (docs/email.md).',
  },
  form: {
    host: 'Server',
    security: 'Security',
    securityNone: 'None (a local server only)',
    port: 'Port',
    username: 'User',
    password: 'Password',
    unchanged: 'unchanged',
    folder: 'Folder',
    createObject: 'Unknown senders become',
    createNothing: 'nothing (only logged)',
    createNew: 'a new {object}',
    saveAndTest: 'Save and test',
    connectAndTest: 'Connect and test',
  },
};
