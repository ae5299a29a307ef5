import type { Translation } from '../../messages';
import type en from '../en/adminInboundMail';

export default {
  forwarding: {
    title: 'Weiterleitungsadresse',
    before: 'Senden Sie E-Mails in BCC oder leiten Sie sie weiter an',
    after:
      ': Sie werden bei den Personen und Datensätzen protokolliert, deren E-Mail-Felder ihre Adressen enthalten.',
    noDomain:
      'Keine Weiterleitungsadresse: Auf dem Server ist {variable} nicht gesetzt. Verbinden Sie unten ein Postfach oder senden Sie Rohnachrichten mit einem Admin-API-Token an {path}.',
  },
  mailbox: {
    title: 'IMAP-Postfach',
    status: '{user} auf {host}:{port} ({security}), Ordner {folder} · zuletzt abgerufen {lastRead}',
    errorAt: '{error} ({at})',
    never: 'nie',
    working: 'Funktioniert.',
    test: 'Anmeldung testen',
    sync: 'Jetzt abrufen',
    disconnect: 'Trennen',
    noKey: 'Der Server kann kein Postfach-Passwort speichern: Setzen Sie {variable} (docs/email.md).',
  },
  form: {
    host: 'Server',
    security: 'Verschlüsselung',
    securityNone: 'Keine (nur für einen lokalen Server)',
    port: 'Port',
    username: 'Benutzer',
    password: 'Passwort',
    unchanged: 'unverändert',
    folder: 'Ordner',
    createObject: 'Unbekannte Absender anlegen als',
    createNothing: 'gar nicht (nur protokollieren)',
    createNew: '{object} (neu)',
    saveAndTest: 'Speichern und testen',
    connectAndTest: 'Verbinden und testen',
  },
} satisfies Translation<typeof en>;
