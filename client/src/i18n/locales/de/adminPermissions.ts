import type { Translation } from '../../messages';
import type en from '../en/adminPermissions';

export default {
  profiles: {
    title: 'Berechtigungsprofile',
    intro:
      'Ein Profil legt je Objekt fest, welche Datensätze Mitglieder und Betrachter erreichen und welche Felder sie sehen oder bearbeiten. Die Rolle bleibt die Obergrenze: Betrachter schreiben nie.',
    everything: 'Alles; es gilt kein Profil.',
    builtInReadOnly: 'integriert, schreibgeschützt',
    builtIn: 'integriert',
    loading: 'Profile werden geladen…',
    reset: 'Zurücksetzen',
    new: 'Neues Profil',
    objectRules: '{n} Objektregel | {n} Objektregeln',
    restrictedFields: '{n} eingeschränktes Feld | {n} eingeschränkte Felder',
    summary: '{objectRules}, {restrictedFields}; übrige: lesen {scope}',
  },
  scopes: {
    NONE: 'keine',
    OWN: 'eigene',
    TEAM: 'Team',
    ALL: 'alle',
  },
  access: {
    EDITABLE: 'bearbeitbar',
    READ_ONLY: 'schreibgeschützt',
    HIDDEN: 'ausgeblendet',
  },
  editor: {
    name: 'Name',
    object: 'Objekt',
    read: 'Lesen',
    create: 'Anlegen',
    update: 'Ändern',
    delete: 'Löschen',
    otherObjects: 'Übrige Objekte (Standard)',
    ruleLabel: '{object}: {action}',
    fieldsOf: 'Felder: {object}',
    save: 'Profil speichern',
  },
  memberProfiles: {
    title: 'Profile der Mitglieder',
    loading: 'Mitglieder werden geladen…',
    profile: 'Profil',
    roleDefault: 'Standard der Rolle',
    everything: 'Sieht und ändert alles',
  },
  teams: {
    title: 'Teams',
    empty: 'Noch keine Teams.',
    inParent: 'in {team}',
    noMembers: 'keine Mitglieder',
    new: 'Neues Team',
    name: 'Name',
    parent: 'Übergeordnetes Team',
    members: 'Mitglieder',
    create: 'Team erstellen',
    save: 'Team speichern',
  },
  granting: {
    title: 'Berechtigende Felder',
    intro:
      'Ein Datensatz gehört einem Mitglied („eigene“), wenn es sein Inhaber ist oder eines der hier angekreuzten Felder es nennt.',
    empty: 'Kein Objekt hat neben dem Inhaber ein Benutzerfeld.',
  },
} satisfies Translation<typeof en>;
