import type { Translation } from '../../messages';
import type en from '../en/adminMembers';

export default {
  members: {
    title: 'Membri',
    loading: 'Caricamento membri…',
    role: 'Ruolo',
    remove: 'Rimuovi',
    refused: 'Operazione rifiutata.',
  },
  invite: {
    title: 'Invita',
    email: 'E-mail',
    role: 'Ruolo',
    submit: 'Invita',
    token:
      'Invia questo codice di invito alla persona invitata (viene mostrato una sola volta); lo inserirà al momento della registrazione:',
    pending: 'Inviti in sospeso',
    none: 'Nessuno.',
    until: '{role}, valido fino al {date}',
    revoke: 'Revoca',
  },
  twoFactor: {
    title: 'Accesso a due fattori',
    require: 'Richiedi l’accesso a due fattori a tutti i membri',
    hint: 'I membri che non lo hanno attivato non possono accedere ai dati di questo spazio di lavoro finché non lo configurano nella loro {link}; devi attivarlo prima tu.',
    link: 'pagina di sicurezza dell’accesso',
  },
  sso: {
    title: 'Single sign-on',
    intro:
      'Le persone accedono tramite il tuo provider OpenID Connect. Registra lì questo URI di reindirizzamento:',
    unavailable:
      'Sul server manca SSO_SECRET_KEY, che protegge il client secret: chiedi a chi lo gestisce di impostarla.',
    issuer: 'URL dell’emittente',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    secretSaved: 'Salvato; scrivine uno nuovo per sostituirlo',
    domains: 'Domini e-mail che possono unirsi',
    joinRole: 'Ruolo di chi si unisce',
    hint: 'I membri accedono con il provider qualunque sia il loro dominio; le persone di questi domini che non sono ancora membri si uniscono con questo ruolo. Le sessioni single sign-on valgono solo per questo spazio di lavoro e il secondo fattore è responsabilità del provider.',
    checking: 'Verifica del provider…',
    turnOff: 'Disattiva',
  },
} satisfies Translation<typeof en>;
