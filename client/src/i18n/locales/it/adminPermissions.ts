import type { Translation } from '../../messages';
import type en from '../en/adminPermissions';

export default {
  profiles: {
    title: 'Profili di autorizzazione',
    intro:
      'Un profilo limita, per ogni oggetto, quali record raggiungono membri e osservatori e quali campi vedono o modificano. Il ruolo resta il tetto: un osservatore non scrive mai.',
    everything: 'Tutto; nessun profilo si applica.',
    builtInReadOnly: 'predefinito, sola lettura',
    builtIn: 'predefinito',
    loading: 'Caricamento profili…',
    reset: 'Ripristina',
    new: 'Nuovo profilo',
    objectRules: '{n} regola per oggetto | {n} regole per oggetto',
    restrictedFields: '{n} campo limitato | {n} campi limitati',
    summary: '{objectRules}, {restrictedFields}; altri: lettura {scope}',
  },
  scopes: {
    NONE: 'nessuno',
    OWN: 'propri',
    TEAM: 'team',
    ALL: 'tutti',
  },
  access: {
    EDITABLE: 'modificabile',
    READ_ONLY: 'sola lettura',
    HIDDEN: 'nascosto',
  },
  editor: {
    name: 'Nome',
    object: 'Oggetto',
    read: 'Lettura',
    create: 'Creazione',
    update: 'Modifica',
    delete: 'Eliminazione',
    otherObjects: 'Altri oggetti (predefinito)',
    ruleLabel: '{object}: {action}',
    fieldsOf: 'Campi di {object}',
    save: 'Salva profilo',
  },
  memberProfiles: {
    title: 'Profili dei membri',
    loading: 'Caricamento membri…',
    profile: 'Profilo',
    roleDefault: 'Predefinito del ruolo',
    everything: 'Vede e modifica tutto',
  },
  teams: {
    title: 'Team',
    empty: 'Ancora nessun team.',
    inParent: 'in {team}',
    noMembers: 'nessun membro',
    new: 'Nuovo team',
    name: 'Nome',
    parent: 'Team superiore',
    members: 'Membri',
    create: 'Crea team',
    save: 'Salva team',
  },
  granting: {
    title: 'Campi che concedono l’accesso',
    intro:
      'Un record è “proprio” di un membro quando ne è il proprietario o quando uno dei campi spuntati qui lo indica.',
    empty: 'Nessun oggetto ha un campo utente oltre al proprietario.',
  },
} satisfies Translation<typeof en>;
