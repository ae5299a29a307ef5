import type { Translation } from '../../messages';
import type en from '../en/adminMembers';

export default {
  members: {
    title: 'Mitglieder',
    loading: 'Mitglieder werden geladen…',
    role: 'Rolle',
    remove: 'Entfernen',
    refused: 'Abgelehnt.',
  },
  invite: {
    title: 'Einladen',
    email: 'E-Mail',
    role: 'Rolle',
    submit: 'Einladen',
    token:
      'Senden Sie diesen Einladungscode an die eingeladene Person (wird nur einmal angezeigt); sie gibt ihn bei der Registrierung ein:',
    pending: 'Offene Einladungen',
    none: 'Keine.',
    until: '{role}, gültig bis {date}',
    revoke: 'Widerrufen',
  },
  twoFactor: {
    title: 'Zwei-Faktor-Anmeldung',
    require: 'Zwei-Faktor-Anmeldung für alle Mitglieder verlangen',
    hint: 'Mitglieder ohne sie erhalten keinen Zugriff auf die Daten dieses Arbeitsbereichs, bis sie sie auf ihrer {link} einrichten; Sie selbst brauchen sie zuerst.',
    link: 'Seite zur Anmeldesicherheit',
  },
  sso: {
    title: 'Single Sign-on',
    intro:
      'Personen melden sich über Ihren OpenID-Connect-Anbieter an. Tragen Sie dort diese Weiterleitungs-URI ein:',
    unavailable:
      'Auf dem Server ist kein SSO_SECRET_KEY gesetzt, mit dem das Client-Secret verschlüsselt wird: Bitten Sie die Betreiber, einen festzulegen.',
    issuer: 'Aussteller-URL',
    clientId: 'Client-ID',
    clientSecret: 'Client-Secret',
    secretSaved: 'Gespeichert; geben Sie ein neues ein, um es zu ersetzen',
    domains: 'E-Mail-Domains, die beitreten dürfen',
    joinRole: 'Rolle neu beitretender Personen',
    hint: 'Mitglieder melden sich unabhängig von ihrer Domain über den Anbieter an; Personen dieser Domains, die noch keine Mitglieder sind, treten mit dieser Rolle bei. Single-Sign-on-Sitzungen gelten nur für diesen Arbeitsbereich, und für den zweiten Faktor ist der Anbieter verantwortlich.',
    checking: 'Anbieter wird geprüft…',
    turnOff: 'Ausschalten',
  },
} satisfies Translation<typeof en>;
