import type { Translation } from '../../messages';
import type en from '../en/auth';

export default {
  email: 'E-mail',
  password: 'Password',
  signIn: {
    title: 'Accedi',
    forgot: 'Password dimenticata?',
    submit: 'Accedi',
    pending: 'Accesso in corso…',
    newHere: 'Sei nuovo?',
    createAccount: 'Crea un account',
  },
  code: {
    intro:
      'Inserisci il codice a sei cifre della tua app di autenticazione o uno dei tuoi codici di recupero.',
    label: 'Codice',
    submit: 'Accedi',
    pending: 'Verifica in corso…',
    restart: 'Ricomincia',
  },
  passkey: {
    submit: 'Accedi con una passkey',
    pending: 'In attesa della tua passkey…',
    errors: {
      alreadyRegistered: 'Questo dispositivo ha già una passkey per il tuo account.',
      cancelled: 'La richiesta della passkey è stata annullata o è scaduta. Riprova.',
      browser: 'Il tuo browser non è riuscito a usare una passkey: {detail}',
      browserUnknown: 'Il tuo browser non è riuscito a usare una passkey.',
    },
  },
  sso: {
    open: 'Accedi con single sign-on',
    email: 'E-mail di lavoro',
    submit: 'Continua con single sign-on',
    errors: {
      noWorkspace: 'Nessuno spazio di lavoro usa il single sign-on per il dominio di questa e-mail.',
      domainNotAllowed:
        'Con il dominio della tua e-mail non puoi entrare in questo spazio di lavoro tramite single sign-on. Chiedi a un amministratore di invitarti.',
      emailNotVerified: 'Il tuo provider di identità non ha verificato il tuo indirizzo e-mail.',
      expired: 'Questo accesso è scaduto o è stato avviato in un altro browser. Ricomincia.',
      providerError: 'Non è stato possibile accettare la risposta del provider di identità. Ricomincia.',
      rateLimited: 'Troppi tentativi. Attendi un minuto e riprova.',
      other: 'Il single sign-on non ha funzionato. Ricomincia.',
    },
  },
  signUp: {
    title: 'Crea un account',
    titleInvited: 'Unisciti al tuo team',
    invited: 'Sei stato invitato come {email}: scegli il tuo nome e una password per entrare.',
    name: 'Il tuo nome',
    passwordHint: 'Almeno {count} caratteri, difficile da indovinare: qualche parola insolita funziona bene.',
    workspaceName: 'Nome dello spazio di lavoro (facoltativo)',
    workspacePlaceholder: 'La tua azienda o il tuo team',
    submit: 'Crea account',
    submitInvited: 'Entra',
    pending: 'Creazione dell’account…',
    haveAccount: 'Hai già un account?',
    signIn: 'Accedi',
  },
  forgot: {
    title: 'Password dimenticata?',
    sent: 'Se un account usa {email}, è in arrivo un link per scegliere una nuova password. Vale per un’ora.',
    submit: 'Inviami un link',
    pending: 'Invio in corso…',
    back: 'Torna all’accesso',
  },
  reset: {
    title: 'Scegli una nuova password',
    done: 'La password è cambiata e tutte le sessioni sono state chiuse. {signIn} con la nuova password.',
    signIn: 'Accedi',
    newPassword: 'Nuova password',
    submit: 'Salva la nuova password',
  },
  verify: {
    title: 'Conferma il tuo indirizzo e-mail',
    checking: 'Verifica del link…',
    done: 'Il tuo indirizzo è confermato.',
    continue: 'Continua',
  },
  userMenu: {
    accountTitle: '{email}: il tuo account e i token API',
    signOut: 'Esci',
  },
} satisfies Translation<typeof en>;
