import type { Translation } from '../../messages';
import type en from '../en/auth';

export default {
  email: 'E-Mail',
  password: 'Passwort',
  signIn: {
    title: 'Anmelden',
    forgot: 'Passwort vergessen?',
    submit: 'Anmelden',
    pending: 'Anmeldung läuft…',
    newHere: 'Neu hier?',
    createAccount: 'Konto erstellen',
  },
  code: {
    intro:
      'Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.',
    label: 'Code',
    submit: 'Anmelden',
    pending: 'Wird geprüft…',
    restart: 'Von vorn beginnen',
  },
  passkey: {
    submit: 'Mit Passkey anmelden',
    pending: 'Warten auf Ihren Passkey…',
    errors: {
      alreadyRegistered: 'Dieses Gerät hat bereits einen Passkey für Ihr Konto.',
      cancelled: 'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Bitte erneut versuchen.',
      browser: 'Ihr Browser konnte keinen Passkey verwenden: {detail}',
      browserUnknown: 'Ihr Browser konnte keinen Passkey verwenden.',
    },
  },
  sso: {
    open: 'Mit Single Sign-on anmelden',
    email: 'Geschäftliche E-Mail',
    submit: 'Weiter mit Single Sign-on',
    errors: {
      noWorkspace:
        'Für die Domain dieser E-Mail-Adresse meldet sich kein Arbeitsbereich per Single Sign-on an.',
      domainNotAllowed:
        'Mit der Domain Ihrer E-Mail-Adresse können Sie diesem Arbeitsbereich nicht per Single Sign-on beitreten. Bitten Sie einen Administrator um eine Einladung.',
      emailNotVerified: 'Ihr Identitätsanbieter hat Ihre E-Mail-Adresse nicht bestätigt.',
      expired:
        'Diese Anmeldung ist abgelaufen oder wurde in einem anderen Browser begonnen. Bitte neu beginnen.',
      providerError:
        'Die Antwort des Identitätsanbieters konnte nicht angenommen werden. Bitte neu beginnen.',
      rateLimited: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es erneut.',
      other: 'Single Sign-on hat nicht funktioniert. Bitte neu beginnen.',
    },
  },
  signUp: {
    title: 'Konto erstellen',
    titleInvited: 'Ihrem Team beitreten',
    invited: 'Sie wurden als {email} eingeladen: Wählen Sie Ihren Namen und ein Passwort, um beizutreten.',
    name: 'Ihr Name',
    passwordHint:
      'Mindestens {count} Zeichen, schwer zu erraten: Ein paar ungewöhnliche Wörter eignen sich gut.',
    workspaceName: 'Name des Arbeitsbereichs (optional)',
    workspacePlaceholder: 'Ihr Unternehmen oder Team',
    submit: 'Konto erstellen',
    submitInvited: 'Beitreten',
    pending: 'Ihr Konto wird erstellt…',
    haveAccount: 'Sie haben schon ein Konto?',
    signIn: 'Anmelden',
  },
  forgot: {
    title: 'Passwort vergessen?',
    sent: 'Falls ein Konto {email} verwendet, ist ein Link zum Festlegen eines neuen Passworts unterwegs. Er gilt eine Stunde.',
    submit: 'Link zusenden',
    pending: 'Wird gesendet…',
    back: 'Zurück zur Anmeldung',
  },
  reset: {
    title: 'Neues Passwort festlegen',
    done: 'Ihr Passwort ist geändert und alle Sitzungen sind abgemeldet. Jetzt damit {signIn}.',
    signIn: 'anmelden',
    newPassword: 'Neues Passwort',
    submit: 'Neues Passwort speichern',
  },
  verify: {
    title: 'E-Mail-Adresse bestätigen',
    checking: 'Der Link wird geprüft…',
    done: 'Ihre Adresse ist bestätigt.',
    continue: 'Weiter',
  },
  userMenu: {
    accountTitle: '{email}: Ihr Konto und API-Tokens',
    signOut: 'Abmelden',
  },
} satisfies Translation<typeof en>;
